# Deny statements that look like MFA guards but do not cover the Allow beside them.

# The guard exempts the very action (NotAction iam:*): no guard for iam:AttachUserPolicy.
resource "aws_iam_user_policy" "exempted" {
  user = "alice"
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = "iam:AttachUserPolicy", Resource = "*" },
      #                            ^^^^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      {
        Effect    = "Deny"
        NotAction = ["iam:*", "sts:GetSessionToken"]
        Resource  = "*"
        Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }
      },
    ]
  })
}

# Exempting sts:AssumeRole leaves role assumption without MFA; "*" also has
# permissions-management actions in the exempted iam:* part.
data "aws_iam_policy_document" "exempts_assume" {
  statement {
    actions   = ["sts:AssumeRole", "*"]
    #            ^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
    resources = ["*"]
  }
  statement {
    effect      = "Deny"
    not_actions = ["sts:AssumeRole", "iam:*"]
    resources   = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_user_policy" "exempts_assume" {
  user   = "bob"
  policy = data.aws_iam_policy_document.exempts_assume.json
}

# Bool on a Deny does not match requests signed with long-term keys: not a guard.
resource "aws_iam_user_policy" "bool_deny" {
  user   = "carol"
  policy = <<-EOT
    {
      "Statement": [
        {"Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "*"},
        {"Effect": "Deny", "Action": "*", "Resource": "*",
         "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}
      ]
    }
  EOT
}

# Another condition narrows the Deny to one region only.
resource "aws_iam_user_policy" "narrowed" {
  user = "dave"
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = "iam:PutRolePolicy", Resource = "*" },
      #                            ^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      {
        Effect   = "Deny"
        Action   = "*"
        Resource = "*"
        Condition = {
          BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" }
          StringEquals = { "aws:RequestedRegion" = "eu-west-1" }
        }
      },
    ]
  })
}

# The guard denies other actions (s3 only), or other resources only.
resource "aws_iam_user_policy" "other_actions" {
  user = "erin"
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = "iam:AttachUserPolicy", Resource = "arn:aws:iam::123456789012:user/y" },
      #                            ^^^^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      { Effect = "Allow", Action = "iam:DeleteUserPolicy", Resource = "arn:aws:iam::123456789012:user/x" },
      #                            ^^^^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      { Effect = "Deny", Action = "s3:*", Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } },
      { Effect = "Deny", Action = "iam:*", Resource = "arn:aws:iam::123456789012:role/*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } },
    ]
  })
}

# A guard on another user, and on a group the user does not belong to.
resource "aws_iam_user" "frank" {
  name = "frank"
}

resource "aws_iam_user" "grace" {
  name = "grace"
}

resource "aws_iam_group" "guarded" {
  name = "guarded"
}

resource "aws_iam_policy" "guard" {
  policy = jsonencode({
    Statement = [{ Effect = "Deny", NotAction = ["iam:*MFADevice*"], Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } }]
  })
}

resource "aws_iam_user_policy_attachment" "grace_guard" {
  user       = aws_iam_user.grace.name
  policy_arn = aws_iam_policy.guard.arn
}

resource "aws_iam_group_policy_attachment" "guarded" {
  group      = aws_iam_group.guarded.name
  policy_arn = aws_iam_policy.guard.arn
}

resource "aws_iam_user_policy" "frank" {
  user   = aws_iam_user.frank.name
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:PutGroupPolicy", Resource = "*" }] })
  #                                                               ^^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
}

# Attached to grace (guarded) and frank (not): frank can use it without MFA.
resource "aws_iam_policy" "shared" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:AttachGroupPolicy", Resource = "*" }] })
  #                                                               ^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
}

resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  users      = [aws_iam_user.grace.name, aws_iam_user.frank.name]
  policy_arn = aws_iam_policy.shared.arn
}

# A user whose name is not known statically: its guards cannot be found.
variable "someone" {}

resource "aws_iam_user_policy" "someone" {
  user   = var.someone
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:AttachUserPolicy", Resource = "*" }] })
  #                                                               ^^^^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
}

# A group's Allow with one member (frank) whom no guard reaches.
resource "aws_iam_group" "operators" {
  name = "operators"
}

resource "aws_iam_group_membership" "operators" {
  name  = "operators"
  group = aws_iam_group.operators.name
  users = [aws_iam_user.grace.name, aws_iam_user.frank.name]
}

resource "aws_iam_group_policy" "operators" {
  group  = aws_iam_group.operators.name
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:PutRolePolicy", Resource = "*" }] })
  #                                                               ^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
}

# Without known members a group is judged by its own policies.
resource "aws_iam_group" "nobody" {
  name = "nobody"
}

resource "aws_iam_group_policy" "nobody" {
  group  = aws_iam_group.nobody.name
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:PutRolePolicy", Resource = "*" }] })
  #                                                               ^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
}
