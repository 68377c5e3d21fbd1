# Two public principals in one statement: one finding on the first, naming both.
resource "aws_sqs_queue_policy" "q" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/q"
  policy = jsonencode({
    Statement = [{
      Effect = "Allow"
      Principal = {
        AWS = [
          "*",
          #^^ aws-resource-policy-public-principal critical
          "arn:aws:iam::111122223333:root",
          "arn:aws:iam::*:root",
        ]
      }
      Action   = "sqs:SendMessage"
      Resource = "*"
    }]
  })
}

# Two statements each open to anyone: one finding each.
resource "aws_sns_topic_policy" "t" {
  arn = "arn:aws:sns:eu-west-1:123456789012:t"
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Principal = "*", Action = "sns:Subscribe", Resource = "*" },
      #                               ^^^ aws-resource-policy-public-principal critical
      { Effect = "Allow", Principal = { AWS = "*" }, Action = "sns:Publish", Resource = "*" },
      #                                       ^^^ aws-resource-policy-public-principal critical
    ]
  })
}
