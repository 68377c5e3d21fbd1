# The ACL is public but neutralised: still reported, at low severity, so nobody relies on it.
resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read"
  #        ^^^^^^^^^^^^^ aws-s3-public-acl low
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
