# Every remaining policy form: a heredoc here, a file() policy in policy.json.
resource "aws_sns_topic_policy" "heredoc" {
  arn  = "arn:aws:sns:eu-west-1:123456789012:t"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "sns:Subscribe",
          "Principal": "*",
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_sns_topic_policy" "from_file" {
  arn  = "arn:aws:sns:eu-west-1:123456789012:t"
  policy = file("${path.module}/policy.json")
}
