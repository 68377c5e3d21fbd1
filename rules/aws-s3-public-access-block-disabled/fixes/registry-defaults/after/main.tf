# s3-bucket before 3.10 defaulted the four flags to false: the fix sets the inputs.
module "assets" {
  source                  = "terraform-aws-modules/s3-bucket/aws"
  version                 = "3.2.0"
  bucket                  = "assets"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

module "logs" {
  source            = "terraform-aws-modules/s3-bucket/aws"
  version           = "~> 4.0"
  bucket            = "logs"
  block_public_acls = true
}
