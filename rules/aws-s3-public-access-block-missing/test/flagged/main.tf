resource "aws_s3_bucket" "uploads" { # expect: aws-s3-public-access-block-missing
  bucket = "uploads"
}

resource "aws_s3_bucket" "covered" {
  bucket = "covered"
}
