# As terraform-aws-modules writes it: count on everything, and a dynamic statement that
# enforces MFA when two variables (true by default) allow it.
variable "enable_self_management" {
  default = true
}

variable "enable_mfa_enforcement" {
  default = true
}

resource "aws_iam_group" "counted" {
  count = 1
  name  = "counted"
}

data "aws_iam_policy_document" "mfa" {
  count = 1
  dynamic "statement" {
    for_each = var.enable_self_management && var.enable_mfa_enforcement ? [1] : []
    content {
      effect      = "Deny"
      not_actions = ["iam:*MFADevice*", "sts:GetSessionToken"]
      resources   = ["*"]
      condition {
        test     = "BoolIfExists"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["false"]
      }
    }
  }
}

resource "aws_iam_policy" "mfa" {
  count  = 1
  policy = data.aws_iam_policy_document.mfa[0].json
}

resource "aws_iam_group_policy_attachment" "mfa" {
  count      = 1
  group      = aws_iam_group.counted[0].name
  policy_arn = aws_iam_policy.mfa[0].arn
}
