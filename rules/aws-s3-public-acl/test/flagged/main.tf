resource "aws_s3_bucket" "legacy" {
  bucket = "legacy-site"
  acl    = "public-read" # expect: aws-s3-public-acl
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "public-read-write" # expect: aws-s3-public-acl
}

resource "aws_s3_object" "report" {
  bucket = aws_s3_bucket.data.id
  key    = "report.pdf"
  acl    = "authenticated-read" # expect: aws-s3-public-acl
}

variable "acl" {
  default = "public-read" # expect: aws-s3-public-acl
}

resource "aws_s3_bucket" "via_var" {
  bucket = "via-var"
}

resource "aws_s3_bucket_acl" "via_var" {
  bucket = aws_s3_bucket.via_var.id
  acl    = var.acl
}

resource "aws_s3_bucket" "cond" {
  bucket = "cond"
}

resource "aws_s3_bucket_acl" "cond" {
  bucket = aws_s3_bucket.cond.bucket
  acl    = var.public ? "public-read" : "private" # expect: aws-s3-public-acl
}

variable "public" {
  type = bool
}
