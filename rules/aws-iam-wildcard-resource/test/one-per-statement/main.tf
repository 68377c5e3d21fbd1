# Many write actions on "*": one finding, on the "*".
resource "aws_iam_role_policy" "writer" {
  role = "app"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:DeleteObject", "sqs:SendMessage", "sns:Publish", "iam:PassRole"]
      Resource = "*"
      #          ^^^ aws-iam-wildcard-resource high
    }]
  })
}

# kms:Decrypt on "*" is a data read (catalogued as Write): left to
# aws-iam-sensitive-read-any-resource.
resource "aws_iam_role_policy" "decrypt" {
  role = "app"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["kms:Decrypt"], Resource = "*" }]
  })
}
