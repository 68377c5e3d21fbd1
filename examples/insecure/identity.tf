# More identity mistakes: each resource below triggers one rule.

resource "aws_iam_role" "public" {
  name = "public"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }]
  })
}

resource "aws_iam_role_policy_attachment" "public_admin" {
  role       = aws_iam_role.public.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_policy" "not_action" {
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", NotAction = "iam:*", Resource = "*" },
      { Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" },
    ]
  })
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_policy" "developers" {
  group = aws_iam_group.developers.name
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = ["iam:CreateAccessKey", "sts:AssumeRole"]
      Resource  = "*"
      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_user_policy" "ops" {
  user   = "ops"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::123456789012:role/ops" }] })
}

resource "aws_iam_access_key" "ci" {
  user = "ci"
}

output "ci_secret" {
  value = aws_iam_access_key.ci.secret
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" }]
  })
}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_SECRET_ACCESS_KEY=$(cat /etc/worker/key)
  EOT
}
