resource "aws_s3_bucket_public_access_block" "on" {
  bucket                  = "on"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

variable "flag" {
  type = bool
}

# A value known only at plan time is not reported.
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = var.flag
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
