resource "aws_iam_policy" "admin" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      #          ^^^ aws-iam-wildcard-action critical
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "service" {
  role = "app"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "iam:*", "ec2:Describe*"]
      #                           ^^^^^^^ aws-iam-wildcard-action high
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "deploy" {
  statement {
    actions   = ["iam:Put*"]
    #            ^^^^^^^^^^ aws-iam-wildcard-action medium
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "u" {
  user   = "ci"
  policy = data.aws_iam_policy_document.deploy.json
}

resource "aws_iam_group_policy" "g" {
  group  = "ops"
  policy = file("${path.module}/ops.json")
}

# Outside the kms service, a wildcard in a key policy is still reported.
resource "aws_kms_key_policy" "odd" {
  key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "*"
      #           ^^^ aws-iam-wildcard-action high
      Resource  = "*"
    }]
  })
}
