# Two public principals in one statement: one finding on the first, naming both.
resource "aws_s3_bucket_policy" "site" {
  bucket = "site"
  policy = jsonencode({
    Statement = [{
      Effect = "Allow"
      Principal = {
        AWS = [
          "arn:aws:iam::*:root",
          #^^^^^^^^^^^^^^^^^^^^ aws-s3-public-bucket-policy high
          "arn:aws:iam::111122223333:root",
          "*",
        ]
      }
      Action   = "s3:GetObject"
      Resource = "arn:aws:s3:::site/*"
    }]
  })
}

data "aws_iam_policy_document" "two" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::logs/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
      #              ^^^ aws-s3-public-bucket-policy high
    }
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = "logs"
  policy = data.aws_iam_policy_document.two.json
}
