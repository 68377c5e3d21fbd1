resource "aws_s3_bucket_acl" "typed" {
  bucket = "e2e-typed"
}
