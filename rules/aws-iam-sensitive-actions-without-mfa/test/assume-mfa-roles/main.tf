# Assuming roles whose own trust policy requires MFA is not "assuming roles without MFA":
# AWS asks for the MFA when the role is assumed.
variable "account_id" {}

resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

data "aws_iam_policy_document" "ops_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root"]
    }
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "ops" {
  name               = "ops"
  path               = "/people/"
  assume_role_policy = data.aws_iam_policy_document.ops_trust.json
}

# No MFA in this trust policy.
resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" } }]
  })
}

# BoolIfExists lets requests signed with long-term keys through: not required.
resource "aws_iam_role" "if_exists" {
  name = "if-exists"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_user_policy" "by_reference" {
  user = "alice"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = [aws_iam_role.admin.arn, aws_iam_role.ops.arn] }]
  })
}

resource "aws_iam_user_policy" "by_arn" {
  user = "alice"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Resource": ["arn:aws:iam::123456789012:role/admin", "arn:aws:iam::123456789012:role/people/ops"]
      }]
    }
  EOT
}

data "aws_iam_policy_document" "by_interpolated_arn" {
  statement {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::${var.account_id}:role/admin"]
  }
}

resource "aws_iam_user_policy" "by_interpolated_arn" {
  user   = "alice"
  policy = data.aws_iam_policy_document.by_interpolated_arn.json
}

# One of the roles does not require MFA; a wildcard may name any role; an unknown role.
resource "aws_iam_user_policy" "mixed" {
  user = "bob"
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = [aws_iam_role.admin.arn, aws_iam_role.open.arn] },
      #                            ^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::123456789012:role/*" },
      #                            ^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::123456789012:role/elsewhere" },
      #                            ^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = aws_iam_role.if_exists.arn },
      #                            ^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
    ]
  })
}

# "*" on an MFA role is more than assuming it (iam:UpdateAssumeRolePolicy on it, for one).
resource "aws_iam_user_policy" "star_on_role" {
  user = "bob"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = aws_iam_role.admin.arn }]
    #                                         ^^^ aws-iam-sensitive-actions-without-mfa medium
  })
}
