module "site" {
  source                   = "terraform-aws-modules/s3-bucket/aws"
  bucket                   = "site"
  acl                      = "public-read"
  control_object_ownership = true
  object_ownership         = "ObjectWriter"
}
