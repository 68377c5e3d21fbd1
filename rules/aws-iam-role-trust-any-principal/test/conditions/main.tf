# Flagged: an external id is not a secret; with "*" any account that learns it may assume.
resource "aws_iam_role" "external_id_only" {
  name = "external-id-only"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      #                   ^^^ aws-iam-role-trust-any-principal critical
      Condition = { StringEquals = { "sts:ExternalId" = "vendor-1234" } }
    }]
  })
}

# Flagged: a role name in every account.
data "aws_iam_policy_document" "any_account_ci" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
      #              ^^^ aws-iam-role-trust-any-principal critical
    }
    condition {
      test     = "ArnLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::*:role/ci"]
    }
  }
}

resource "aws_iam_role" "any_account_ci" {
  name               = "any-account-ci"
  assume_role_policy = data.aws_iam_policy_document.any_account_ci.json
}

# Flagged: the negation lets in every account but one.
resource "aws_iam_role" "not_this_account" {
  name               = "not-this-account"
  assume_role_policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Principal": {"AWS": "*"},
        "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "123456789012"}}
      }]
    }
  EOT
}

# Accepted: one role of one account, by a fixed ARN.
data "aws_iam_policy_document" "ci" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::123456789012:role/ci"]
    }
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = data.aws_iam_policy_document.ci.json
}

# Accepted: accounts of one organization.
resource "aws_iam_role" "org" {
  name               = "org"
  assume_role_policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Principal": {"AWS": "*"},
        "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}
      }]
    }
  EOT
}
