resource "aws_s3_bucket" "private" {
  bucket = "private"
}
