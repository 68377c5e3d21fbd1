resource "aws_iam_user_policy" "alice" {
  user = "alice"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "sts:AssumeRole"
      #          ^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "admin" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:AttachUserPolicy"]
      #           ^^^^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      Resource = "*"
    }]
  })
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = "ops"
  policy_arn = aws_iam_policy.admin.arn
}
