# terraform-aws-modules/s3-bucket creates a public access block unless attach_public_policy
# is false: the finding lands on that argument.
module "media" {
  source               = "terraform-aws-modules/s3-bucket/aws"
  version              = "~> 4.0"
  bucket               = "media"
  attach_public_policy = true
}
