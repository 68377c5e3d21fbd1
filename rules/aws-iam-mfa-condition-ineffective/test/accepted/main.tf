resource "aws_iam_group_policy" "allow" {
  group = "admins"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "iam:*"
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }, {
      Effect    = "Deny"
      NotAction = ["iam:ChangePassword"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
