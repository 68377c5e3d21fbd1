# Principals with apply-time parts that are not people, or whose kind is not known, and
# interpolated account principals that do require MFA.
variable "account_id" {}
variable "principal_arn" {}

resource "aws_iam_role" "mfa" {
  name = "mfa"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# A role principal (MFA does not survive role chaining) and whole unknown values (an account
# id or any ARN: not judged).
resource "aws_iam_role" "others" {
  name = "others"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = ["arn:aws:iam::${var.account_id}:role/ci", var.principal_arn, "${var.account_id}"] }
    }]
  })
}

# An unknown part where the resource type goes: not classified.
data "aws_iam_policy_document" "unknown_type" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:${var.principal_arn}"]
    }
  }
}

resource "aws_iam_role" "unknown_type" {
  name               = "unknown-type"
  assume_role_policy = data.aws_iam_policy_document.unknown_type.json
}

# Services are machines, even written with interpolations.
data "aws_iam_policy_document" "service" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.${var.account_id}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "service" {
  name               = "service"
  assume_role_policy = data.aws_iam_policy_document.service.json
}

# The same trust as a heredoc (no interpolation), requiring MFA with an age bound.
resource "aws_iam_role" "heredoc" {
  name               = "heredoc"
  assume_role_policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/alice"]},
        "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}
      }]
    }
  EOT
}
