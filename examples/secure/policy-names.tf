# The same bucket policy with names AWS knows.
resource "aws_s3_bucket_policy" "reports" {
  bucket = "reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "TlsOnly"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }, {
      Sid       = "ReadFromVpc"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/reader" }
      Action    = ["s3:GetObject"]
      Resource  = "arn:aws:s3:::reports/*"
      Condition = { StringEquals = { "aws:SourceVpc" = "vpc-0a1b2c3d" } }
    }]
  })
}
