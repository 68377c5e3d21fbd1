# Every MFA rule reads conditions through rules-support/mfa-condition.ts: operator and key
# names in any case, StringEquals like Bool, an age bound like the present key.
data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "NumericLessThanIfExists" # expect: aws-iam-mfa-condition-ineffective
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
  statement {
    actions   = ["iam:CreateUser"]
    resources = ["*"]
    condition {
      test     = "stringequalsifexists" # expect: aws-iam-mfa-condition-ineffective
      variable = "AWS:MULTIFACTORAUTHPRESENT"
      values   = ["true"]
    }
  }
  statement {
    effect      = "Deny"
    not_actions = ["iam:ChangePassword"]
    resources   = ["*"]
    condition {
      test     = "StringEquals" # expect: aws-iam-mfa-condition-ineffective
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
      values   = [false] # expect: aws-iam-mfa-condition-ineffective
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
