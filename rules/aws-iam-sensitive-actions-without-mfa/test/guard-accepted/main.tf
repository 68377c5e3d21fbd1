# "Deny everything without MFA" guards that cover the Allows they sit beside: a Deny wins
# over every Allow of the same identity, so these Allows only work with MFA.

# The guard in the same policy (jsonencode), exempting only MFA setup.
resource "aws_iam_user_policy" "same_policy" {
  user = "alice"
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = ["iam:AttachUserPolicy", "sts:AssumeRole"], Resource = "*" },
      {
        Effect    = "Deny"
        NotAction = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ChangePassword", "sts:GetSessionToken"]
        Resource  = "*"
        Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
      },
    ]
  })
}

# The guard in another policy of the same user (aws_iam_policy_document, Null form),
# attached to the user by reference; the Allow is "*".
resource "aws_iam_user" "bob" {
  name = "bob"
}

resource "aws_iam_user_policy" "bob_admin" {
  user = aws_iam_user.bob.name
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

data "aws_iam_policy_document" "force_mfa" {
  statement {
    effect      = "Deny"
    not_actions = ["iam:*MFADevice*", "iam:ChangePassword", "iam:GetUser", "sts:GetSessionToken"]
    resources   = ["*"]
    condition {
      test     = "Null"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

resource "aws_iam_policy" "force_mfa" {
  policy = data.aws_iam_policy_document.force_mfa.json
}

resource "aws_iam_user_policy_attachment" "bob_force_mfa" {
  user       = aws_iam_user.bob.name
  policy_arn = aws_iam_policy.force_mfa.arn
}

# A group's Allow covered by a guard attached to the same group (heredoc JSON, Action form).
resource "aws_iam_group" "admins" {
  name = "admins"
}

resource "aws_iam_group_policy" "admins" {
  group = aws_iam_group.admins.name
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "deny_iam_without_mfa" {
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Action": ["iam:*", "sts:*"],
          "Resource": "*",
          "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
        }
      ]
    }
  EOT
}

resource "aws_iam_policy_attachment" "admins_mfa" {
  name       = "admins-mfa"
  groups     = [aws_iam_group.admins.name]
  policy_arn = aws_iam_policy.deny_iam_without_mfa.arn
}

# A user's Allow covered by the guard of a group the user belongs to
# (aws_iam_user_group_membership), and another through aws_iam_group_membership.
resource "aws_iam_group" "mfa_required" {
  name = "mfa-required"
}

resource "aws_iam_group_policy_attachment" "mfa_required" {
  group      = aws_iam_group.mfa_required.name
  policy_arn = aws_iam_policy.force_mfa.arn
}

resource "aws_iam_user" "carol" {
  name = "carol"
}

resource "aws_iam_user_group_membership" "carol" {
  user   = aws_iam_user.carol.name
  groups = [aws_iam_group.mfa_required.name]
}

resource "aws_iam_policy" "carol_iam" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "iam:PutUserPolicy", Resource = "*" }]
  })
}

resource "aws_iam_user_policy_attachment" "carol_iam" {
  user       = aws_iam_user.carol.name
  policy_arn = aws_iam_policy.carol_iam.arn
}

resource "aws_iam_user" "dave" {
  name = "dave"
}

resource "aws_iam_group_membership" "mfa_required" {
  name  = "mfa-required"
  group = aws_iam_group.mfa_required.name
  users = [aws_iam_user.dave.name, "erin"]
}

resource "aws_iam_user_policy" "dave" {
  user   = aws_iam_user.dave.name
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:DetachUserPolicy", Resource = "*" }] })
}

# Named by its literal name, not declared in the module: still the same user.
resource "aws_iam_user_policy" "erin" {
  user   = "erin"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:DeleteRolePolicy", Resource = "*" }] })
}

# A guard limited to some resources covers Allows on those resources.
resource "aws_iam_user_policy" "roles_only" {
  user = "frank"
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = "iam:AttachRolePolicy", Resource = "arn:aws:iam::123456789012:role/app" },
      { Effect = "Deny", Action = "iam:*", Resource = "arn:aws:iam::123456789012:role/*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } },
    ]
  })
}

# A group's Allow whose every member (aws_iam_group_membership) is in the guarded group.
resource "aws_iam_group" "operators" {
  name = "operators"
}

resource "aws_iam_group_membership" "operators" {
  name  = "operators"
  group = aws_iam_group.operators.name
  users = [aws_iam_user.carol.name, aws_iam_user.dave.name]
}

resource "aws_iam_group_policy" "operators" {
  group  = aws_iam_group.operators.name
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:PutRolePolicy", Resource = "*" }] })
}
