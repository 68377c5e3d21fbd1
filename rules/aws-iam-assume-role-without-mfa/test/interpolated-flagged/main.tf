# Account and user principals written with apply-time parts: their known text says what
# they are, so a trust policy with them and no MFA condition is a finding.
variable "account_id" {}
variable "partition" {}

data "aws_caller_identity" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
}

resource "aws_iam_role" "jsonencode" {
  name = "jsonencode"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::${var.account_id}:root" }
      #                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
    }]
  })
}

resource "aws_iam_role" "partition" {
  name = "partition"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Principal = { AWS = ["arn:${var.partition}:iam::${local.account}:root"] }
      #                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
    }]
  })
}

data "aws_iam_policy_document" "document" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.account_id}:root", "arn:aws:iam::${var.account_id}:user/alice"]
      #              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
      #                                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
    }
  }
}

resource "aws_iam_role" "document" {
  name               = "document"
  assume_role_policy = data.aws_iam_policy_document.document.json
}

# BoolIfExists does not require MFA from requests signed with long-term keys.
data "aws_iam_policy_document" "if_exists" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws-us-gov:iam::${var.account_id}:root"]
      #              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
    }
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_role" "if_exists" {
  name               = "if-exists"
  assume_role_policy = data.aws_iam_policy_document.if_exists.json
}
