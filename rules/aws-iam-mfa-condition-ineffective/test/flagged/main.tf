resource "aws_iam_group_policy" "allow" {
  group = "admins"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:*"
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } }
      #             ^^^^^^^^^^^^ aws-iam-mfa-condition-ineffective high
    }]
  })
}

data "aws_iam_policy_document" "deny" {
  statement {
    effect      = "Deny"
    not_actions = ["iam:ChangePassword"]
    resources   = ["*"]
    condition {
      test     = "Bool"
      #          ^^^^^^ aws-iam-mfa-condition-ineffective high
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
      values   = ["false"]
      #           ^^^^^^^ aws-iam-mfa-condition-ineffective high
    }
  }
  statement {
    actions   = ["ec2:StartInstances"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresnt"
      #          ^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-mfa-condition-ineffective high
      values   = ["true"]
    }
  }
}
