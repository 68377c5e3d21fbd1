# Linked through an apply-time expression held in a local (count + splat + join).
resource "aws_s3_bucket" "counted" {
  count  = 1
  bucket = "counted"
}

locals {
  bucket_id = join("", aws_s3_bucket.counted.*.id)
}

resource "aws_s3_bucket_public_access_block" "counted" {
  count                   = 1
  bucket                  = local.bucket_id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
