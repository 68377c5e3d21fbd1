# Quoted JSON, a heredoc and a policy read with file() (policy.json).
resource "aws_iam_policy" "quoted" {
  policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:GetObjectt\"], \"Resource\": \"*\"}]}"
#                                                                                                ^^^^^^^^^^^^^ aws-iam-unknown-action medium
}

resource "aws_iam_policy" "heredoc" {
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["dynamodb:GetItem", "dynamodb:Querry"],
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_iam_policy" "from_file" {
  policy = file("${path.module}/policy.json")
}
