# Groups whose members are not all made to use MFA elsewhere.
variable "extra_user" {}

resource "aws_iam_group" "mfa_required" {
  name = "mfa-required"
}

resource "aws_iam_group_policy" "mfa_required" {
  group = aws_iam_group.mfa_required.name
  policy = jsonencode({
    Statement = [{ Effect = "Deny", NotAction = ["iam:*MFADevice*"], Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } }]
  })
}

# alice is in mfa-required, dave is not.
resource "aws_iam_group" "developers" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-group-mfa-not-enforced low
  name = "developers"
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  group = aws_iam_group.developers.name
  users = ["alice", "dave"]
}

resource "aws_iam_user_group_membership" "alice" {
  user   = "alice"
  groups = [aws_iam_group.mfa_required.name]
}

# A member the module cannot name.
resource "aws_iam_group" "ops" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-group-mfa-not-enforced low
  name = "ops"
}

resource "aws_iam_group_membership" "ops" {
  name  = "ops"
  group = aws_iam_group.ops.name
  users = ["alice", var.extra_user]
}

# The Deny is narrowed by another condition (one region only): it does not enforce MFA.
resource "aws_iam_group" "narrowed" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-group-mfa-not-enforced low
  name = "narrowed"
}

data "aws_iam_policy_document" "narrowed" {
  statement {
    effect      = "Deny"
    not_actions = ["iam:*MFADevice*"]
    resources   = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }
}

resource "aws_iam_group_policy" "narrowed" {
  group  = aws_iam_group.narrowed.name
  policy = data.aws_iam_policy_document.narrowed.json
}

# An empty group: judged alone.
resource "aws_iam_group" "empty" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-group-mfa-not-enforced low
  name = "empty"
}

resource "aws_iam_group_membership" "empty" {
  name  = "empty"
  group = aws_iam_group.empty.name
  users = []
}
