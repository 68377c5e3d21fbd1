resource "aws_s3_bucket_public_access_block" "partial" {
  bucket              = "partial"
  block_public_acls   = false
  block_public_policy = true
}
