# A name Terraform would refuse still parses; it is reported, but no block can reference it,
# so no fix is offered (found by npm run fuzz).
resource "aws_s3_bucket" "{uploads" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-missing high
  bucket = "uploads"
}
