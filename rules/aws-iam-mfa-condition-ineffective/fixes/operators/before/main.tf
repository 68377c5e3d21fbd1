resource "aws_iam_group_policy" "allow" {
  group = "admins"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:*"
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } }
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
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}
