resource "aws_iam_user_policy" "alice" {
  user = "alice"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Resource  = "*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

# Attached to a role, not to people.
resource "aws_iam_policy" "deploy" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["iam:PassRole"], Resource = "arn:aws:iam::123456789012:role/app" }]
  })
}

resource "aws_iam_role_policy_attachment" "deploy" {
  role       = "ci"
  policy_arn = aws_iam_policy.deploy.arn
}

resource "aws_iam_user_policy" "reader" {
  user   = "bob"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
