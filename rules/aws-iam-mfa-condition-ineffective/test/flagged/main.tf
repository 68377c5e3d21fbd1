resource "aws_iam_group_policy" "allow" {
  group = "admins"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:*"
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } } # expect: aws-iam-mfa-condition-ineffective
    }]
  })
}

data "aws_iam_policy_document" "deny" {
  statement {
    effect      = "Deny"
    not_actions = ["iam:ChangePassword"]
    resources   = ["*"]
    condition {
      test     = "Bool" # expect: aws-iam-mfa-condition-ineffective
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
  statement {
    actions   = ["ec2:StopInstances"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"] # expect: aws-iam-mfa-condition-ineffective
    }
  }
  statement {
    actions   = ["ec2:StartInstances"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresnt" # expect: aws-iam-mfa-condition-ineffective
      values   = ["true"]
    }
  }
}
