resource "aws_s3_bucket_public_access_block" "partial" { # expect: aws-s3-public-access-block-disabled, aws-s3-public-access-block-disabled
  bucket              = "partial"
  block_public_acls   = false # expect: aws-s3-public-access-block-disabled
  block_public_policy = true
}

variable "strict" {
  type    = bool
  default = false # expect: aws-s3-public-access-block-disabled
}

resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = var.strict
  ignore_public_acls      = true
  restrict_public_buckets = true
}
