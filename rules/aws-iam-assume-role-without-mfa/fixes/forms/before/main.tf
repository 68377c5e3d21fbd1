resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
    }]
  })
}

data "aws_iam_policy_document" "ops_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:user/alice"]
    }
  }
}

resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = data.aws_iam_policy_document.ops_trust.json
}

resource "aws_iam_role" "legacy" {
  name               = "legacy"
  assume_role_policy = <<-EOT
    {
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "sts:AssumeRole",
          "Principal": {"AWS": "123456789012"}
        }
      ]
    }
  EOT
}
