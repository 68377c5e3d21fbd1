data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransprt"
      values   = ["true"]
    }
  }
}

resource "aws_iam_role_policy" "d" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}
