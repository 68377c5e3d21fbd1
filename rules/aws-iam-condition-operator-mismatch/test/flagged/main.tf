resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "*"
      Condition = {
        Bool         = { "aws:SourceVpc" = "true" } # expect: aws-iam-condition-operator-mismatch
        StringEqual  = { "aws:SourceAccount" = "123456789012" } # expect: aws-iam-condition-operator-mismatch
        IpAddress    = { "aws:SourceArn" = "10.0.0.0/8" } # expect: aws-iam-condition-operator-mismatch
        NumericLessThan = { "aws:PrincipalArn" = "3600" } # expect: aws-iam-condition-operator-mismatch
      }
    }]
  })
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "Bool" # expect: aws-iam-condition-operator-mismatch
      variable = "aws:PrincipalOrgID"
      values   = ["true"]
    }
  }
}

resource "aws_iam_policy" "doc" {
  policy = data.aws_iam_policy_document.doc.json
}
