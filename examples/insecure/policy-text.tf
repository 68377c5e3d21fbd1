# A policy written as JSON text with an HCL habit: the "#" comment stays in the text, and
# JSON has none, so AWS rejects the document when it is applied.
resource "aws_iam_role_policy" "app_logs" {
  role   = "app"
  policy = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],  # only its own group
    "Resource": "arn:aws:logs:eu-west-1:123456789012:log-group:/app/*"
  }]
}
JSON
}
