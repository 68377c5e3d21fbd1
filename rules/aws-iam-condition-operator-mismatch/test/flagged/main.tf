resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "*"
      Condition = {
        Bool         = { "aws:SourceVpc" = "true" }
#       ^^^^ aws-iam-condition-operator-mismatch medium
        StringEqual  = { "aws:SourceAccount" = "123456789012" }
#       ^^^^^^^^^^^ aws-iam-condition-operator-mismatch medium
        IpAddress    = { "aws:SourceArn" = "10.0.0.0/8" }
#       ^^^^^^^^^ aws-iam-condition-operator-mismatch medium
        NumericLessThan = { "aws:PrincipalArn" = "3600" }
#       ^^^^^^^^^^^^^^^ aws-iam-condition-operator-mismatch medium
      }
    }]
  })
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "Bool"
#                 ^^^^ aws-iam-condition-operator-mismatch medium
      variable = "aws:PrincipalOrgID"
      values   = ["true"]
    }
  }
}

resource "aws_iam_policy" "doc" {
  policy = data.aws_iam_policy_document.doc.json
}
