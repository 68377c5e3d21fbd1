# Look-alikes that are not keys.
resource "aws_s3_object" "o" {
  bucket = "b"
  key    = "AKIA-docs/readme.md"
  etag   = "d41d8cd98f00b204e9800998ecf8427ed41d8cd9"
  tags = {
    secret = "0000000000000000000000000000000000000000"
    sha1   = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"
  }
}

variable "access_key" {
  type      = string
  sensitive = true
}
