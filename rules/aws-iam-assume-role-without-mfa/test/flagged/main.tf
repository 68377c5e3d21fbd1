resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      #                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
    }]
  })
}

data "aws_iam_policy_document" "ops_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:user/alice", "210987654321"]
      #              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
      #                                                      ^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
    }
  }
}

resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = data.aws_iam_policy_document.ops_trust.json
}

# The condition is there but says false-if-absent for nobody: it does not require MFA.
resource "aws_iam_role" "weak" {
  name               = "weak"
  assume_role_policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}
      }]
    }
  EOT
}
