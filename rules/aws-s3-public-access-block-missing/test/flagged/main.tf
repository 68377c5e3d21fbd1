resource "aws_s3_bucket" "uploads" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-missing high
  bucket = "uploads"
}

resource "aws_s3_bucket" "covered" {
  bucket = "covered"
}
