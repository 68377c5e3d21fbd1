resource "aws_s3_bucket_acl" "data" {
  bucket = "data"
  acl    = "public-read-write"
}

variable "acl" {
  default = "public-read"
}

resource "aws_s3_bucket_acl" "via_var" {
  bucket = "via-var"
  acl    = var.acl
}
