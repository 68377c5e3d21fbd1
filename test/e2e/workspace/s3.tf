resource "aws_s3_bucket" "site" {
  bucket = "e2e-site"
}

resource "aws_s3_bucket_acl" "site" {
  bucket = aws_s3_bucket.site.id
  acl    = "public-read"
}
