resource "aws_iam_policy" "pass" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:PassRole"]
      Resource = "*"
      #          ^^^ aws-iam-wildcard-resource high
    }]
  })
}

data "aws_iam_policy_document" "write" {
  statement {
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["*"]
    #            ^^^ aws-iam-wildcard-resource medium
  }
}

resource "aws_iam_role_policy" "r" {
  role   = "r"
  policy = data.aws_iam_policy_document.write.json
}
