resource "aws_iam_policy" "pass" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PassRole"]
      Resource = "*" # expect: aws-iam-wildcard-resource
    }]
  })
}

data "aws_iam_policy_document" "write" {
  statement {
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["*"] # expect: aws-iam-wildcard-resource
  }
}

resource "aws_iam_role_policy" "r" {
  role   = "r"
  policy = data.aws_iam_policy_document.write.json
}
