# Names that grant, deny or test nothing: a typo in a TLS guard's key, a misspelt action and
# operator. AWS accepts all of them silently.
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
      Condition = { Bool = { "aws:SecureTransprt" = "false" } }
    }, {
      Sid       = "ReadFromVpc"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/reader" }
      Action    = ["s3:GetObjct"]
      Resource  = "arn:aws:s3:::reports/*"
      Condition = { StringEqual = { "aws:SourceVpc" = "vpc-0a1b2c3d" } }
    }]
  })
}
