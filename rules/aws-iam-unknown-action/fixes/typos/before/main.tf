resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObjct", "s3:ListBucket"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "q" {
  policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"dynamodb:Querry\", \"Resource\": \"*\"}]}"
}

data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decypt"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "d" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}
