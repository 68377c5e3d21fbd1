# The block for "covered" lives in another file of the module, linked by bucket name.
resource "aws_s3_bucket_public_access_block" "covered" {
  bucket                  = "covered"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
