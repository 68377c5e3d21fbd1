# The same policy in jsonencode, where an HCL comment is at home.
resource "aws_iam_role_policy" "app_logs" {
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"] # only its own group
      Resource = "arn:aws:logs:eu-west-1:123456789012:log-group:/app/*"
    }]
  })
}
