# Every remaining policy form: a heredoc here, a file() policy in policy.json.
resource "aws_iam_policy" "heredoc" {
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "NotAction": "s3:DeleteBucket",
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_iam_policy" "from_file" {
  policy = file("${path.module}/policy.json")
}
