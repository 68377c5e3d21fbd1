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

# Ids of IAM users, roles, groups, policies, instance profiles, certificates and public
# keys name things; they are not credentials.
resource "aws_s3_bucket_policy" "ids" {
  bucket = "b"
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::b/*"
      Condition = { StringNotLike = { "aws:userId" = ["AROAJQABLZS4A3QDU576:*", "AIDAJQABLZS4A3QDU576"] } }
    }]
  })
}

resource "aws_cloudfront_public_key" "k" {
  name        = "k"
  encoded_key = "-----BEGIN PUBLIC KEY-----"
  comment     = "APKAEIBAERJR2EXAMPLE"
}

resource "aws_iam_server_certificate" "c" {
  name             = "c"
  certificate_body = "-----BEGIN CERTIFICATE-----"
  private_key      = "-----BEGIN PRIVATE KEY-----"
  tags = {
    certificate_id = "ASCACKCEVSQ6CEXAMPLE"
    group_id       = "AGPAIDRA6TKX3EXAMPLE"
    policy_id      = "ANPAJ2UCCR6DPEXAMPLE"
    profile_id     = "AIPAJQABLZS4AEXAMPLE"
  }
}
