resource "aws_iam_group" "developers" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-group-mfa-not-enforced low
  name = "developers"
}

resource "aws_iam_group" "weak" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-group-mfa-not-enforced low
  name = "weak"
}

# Mentions the key, but with Bool on a Deny: requests with long-term keys are not denied.
resource "aws_iam_group_policy" "weak" {
  group = aws_iam_group.weak.name
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      NotAction = ["iam:*MFADevice*"]
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }
    }]
  })
}
