resource "aws_s3_bucket" "b" {
  bucket = "b"
  acl    = "private"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.b.id
  acl    = "log-delivery-write"
}

resource "aws_s3_object" "o" {
  bucket = aws_s3_bucket.b.id
  key    = "k"
  acl    = "bucket-owner-full-control"
}

variable "acl" {
  type = string
}

resource "aws_s3_bucket_acl" "unknown" {
  bucket = aws_s3_bucket.b.id
  acl    = var.acl
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
