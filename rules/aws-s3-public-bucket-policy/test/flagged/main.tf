resource "aws_s3_bucket" "site" {
  bucket = "site"
}

resource "aws_s3_bucket_policy" "read" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-s3-public-bucket-policy high
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.site.arn}/*"
    }]
  })
}

resource "aws_s3_bucket_policy" "write" {
  bucket = "uploads"
  policy = data.aws_iam_policy_document.write.json
}

data "aws_iam_policy_document" "write" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::uploads/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
      #              ^^^ aws-s3-public-bucket-policy critical
    }
  }
}

# JSON files cannot carry marks: legacy-policy.json.expect lists that file's expected findings.
resource "aws_s3_bucket_policy" "from_file" {
  bucket = "legacy"
  policy = file("${path.module}/legacy-policy.json")
}
