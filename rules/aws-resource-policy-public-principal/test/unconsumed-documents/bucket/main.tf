variable "policy" {
  type = string
}

resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = var.policy
}
