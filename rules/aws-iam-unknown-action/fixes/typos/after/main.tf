resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "q" {
  policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"dynamodb:Query\", \"Resource\": \"*\"}]}"
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "d" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}
