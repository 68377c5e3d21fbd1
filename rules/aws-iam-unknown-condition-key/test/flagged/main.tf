resource "aws_s3_bucket_policy" "tls" {
  bucket = "b"
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::b/*"
      Condition = {
        Bool = { "aws:SecureTransprt" = "false" }
#                 ^^^^^^^^^^^^^^^^^^ aws-iam-unknown-condition-key medium
      }
    }]
  })
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::b/*"]
    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acll"
#                 ^^^^^^^^^^^^^ aws-iam-unknown-condition-key medium
      values   = ["private"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpcc"
#                 ^^^^^^^^^^^^^^ aws-iam-unknown-condition-key medium
      values   = ["vpc-1"]
    }
  }
}

resource "aws_iam_policy" "doc" {
  policy = data.aws_iam_policy_document.doc.json
}
