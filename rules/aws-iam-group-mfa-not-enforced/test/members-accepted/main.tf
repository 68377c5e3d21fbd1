# Groups that enforce nothing themselves, but every member the module puts in them is made
# to use MFA elsewhere: by the "mfa-required" group (aws_iam_user_group_membership and
# aws_iam_group_membership) or by the user's own policy.
resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group" "mfa_required" {
  name = "mfa-required"
}

resource "aws_iam_group_policy" "mfa_required" {
  group = aws_iam_group.mfa_required.name
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Deny",
        "NotAction": ["iam:*MFADevice*", "iam:ChangePassword", "sts:GetSessionToken"],
        "Resource": "*",
        "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
      }]
    }
  EOT
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.developers.name, aws_iam_group.mfa_required.name]
}

resource "aws_iam_group_membership" "mfa_required" {
  name  = "mfa-required"
  group = aws_iam_group.mfa_required.name
  users = [aws_iam_user.bob.name]
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  group = aws_iam_group.developers.name
  users = [aws_iam_user.bob.name, "carol"]
}

# carol enforces MFA with her own policy (policy document, Null form).
data "aws_iam_policy_document" "carol" {
  statement {
    effect      = "Deny"
    not_actions = ["iam:*MFADevice*"]
    resources   = ["*"]
    condition {
      test     = "Null"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_user_policy" "carol" {
  user   = "carol"
  policy = data.aws_iam_policy_document.carol.json
}

# An Allow bounded by aws:MultiFactorAuthAge (jsonencode) enforces MFA for its group.
resource "aws_iam_group" "auditors" {
  name = "auditors"
}

resource "aws_iam_group_policy" "auditors" {
  group = aws_iam_group.auditors.name
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "cloudtrail:LookupEvents"
      Resource  = "*"
      Condition = { NumericLessThan = { "aws:MultiFactorAuthAge" = "3600" } }
    }]
  })
}
