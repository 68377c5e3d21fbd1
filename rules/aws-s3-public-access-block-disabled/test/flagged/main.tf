resource "aws_s3_bucket_public_access_block" "partial" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
  bucket              = "partial"
  block_public_acls   = false
  #                     ^^^^^ aws-s3-public-access-block-disabled high
  block_public_policy = true
}

variable "strict" {
  type    = bool
  default = false
  #         ^^^^^ aws-s3-public-access-block-disabled high
}

resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = var.strict
  ignore_public_acls      = true
  restrict_public_buckets = true
}
