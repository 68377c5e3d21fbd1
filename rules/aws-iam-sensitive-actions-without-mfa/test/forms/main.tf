# Every remaining policy form: a heredoc here, a file() policy in policy.json.
resource "aws_iam_user_policy" "heredoc" {
  user = "u"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iam:PutUserPolicy",
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_iam_user_policy" "from_file" {
  user = "u"
  policy = file("${path.module}/policy.json")
}
