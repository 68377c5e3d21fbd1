# Every MFA rule reads conditions through rules-support/mfa-condition.ts: operator and key
# names in any case, StringEquals like Bool, an age bound like the present key.
data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "NumericLessThanIfExists"
#                ^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-mfa-condition-ineffective high
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
  statement {
    actions   = ["iam:CreateUser"]
    resources = ["*"]
    condition {
      test     = "stringequalsifexists"
#                ^^^^^^^^^^^^^^^^^^^^^^ aws-iam-mfa-condition-ineffective high
      variable = "AWS:MULTIFACTORAUTHPRESENT"
      values   = ["true"]
    }
  }
  statement {
    effect      = "Deny"
    not_actions = ["iam:ChangePassword"]
    resources   = ["*"]
    condition {
      test     = "StringEquals"
#                ^^^^^^^^^^^^^^ aws-iam-mfa-condition-ineffective high
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
  statement {
    actions   = ["ec2:RebootInstances"]
    resources = ["*"]
    condition {
      test     = "bool"
      variable = "aws:multifactorauthpresent"
      values   = [false]
#                 ^^^^^ aws-iam-mfa-condition-ineffective high
    }
  }
}

# Left alone: strict requirements in any case and operator, an IfExists Deny of false,
# a test of both values (it requires nothing, but it is not inverted).
data "aws_iam_policy_document" "fine" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "NumericLessThan"
      variable = "aws:multifactorauthage"
      values   = ["3600"]
    }
  }
  statement {
    actions   = ["iam:CreateUser"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
  statement {
    effect      = "Deny"
    not_actions = ["iam:ChangePassword"]
    resources   = ["*"]
    condition {
      test     = "stringequalsifexists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
  statement {
    actions   = ["ec2:RebootInstances"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true", "false"]
    }
  }
}
