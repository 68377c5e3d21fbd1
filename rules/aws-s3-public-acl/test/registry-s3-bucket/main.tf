module "site" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
  bucket  = "site"
  acl     = "public-read"
  #         ^^^^^^^^^^^^^ aws-s3-public-acl low
}

module "private" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "private"
  acl    = "private"
}
