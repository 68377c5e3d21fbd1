{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "dynamodb:*",
      "Resource": "arn:aws:dynamodb:*:*:table/${bucket}"
    },
    {
      "Effect": "Allow",
      "Action": ["s3:PutObject"],
      "Resource": ${jsonencode(arns)}
    }
  ]
}
