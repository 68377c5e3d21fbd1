resource "aws_s3_bucket" "legacy" {
  bucket = "legacy-site"
  acl    = "public-read"
  #        ^^^^^^^^^^^^^ aws-s3-public-acl high
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "public-read-write"
  #        ^^^^^^^^^^^^^^^^^^^ aws-s3-public-acl critical
}

resource "aws_s3_object" "report" {
  bucket = aws_s3_bucket.data.id
  key    = "report.pdf"
  acl    = "authenticated-read"
  #        ^^^^^^^^^^^^^^^^^^^^ aws-s3-public-acl high
}

variable "acl" {
  default = "public-read"
  #         ^^^^^^^^^^^^^ aws-s3-public-acl high
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
  acl    = var.public ? "public-read" : "private"
  #                     ^^^^^^^^^^^^^ aws-s3-public-acl high
}

variable "public" {
  type = bool
}
