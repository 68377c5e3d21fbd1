# terraform-aws-modules/s3-bucket creates a public access block unless attach_public_policy
# is false: the finding lands on that argument.
module "media" {
  source               = "terraform-aws-modules/s3-bucket/aws"
  version              = "~> 4.0"
  bucket               = "media"
  attach_public_policy = false
  #                      ^^^^^ aws-s3-public-access-block-missing high
}

module "unpinned" {
  source               = "terraform-aws-modules/s3-bucket/aws"
  bucket               = "unpinned"
  attach_public_policy = false
  #                      ^^^^^ aws-s3-public-access-block-missing high
}

# The default, and an explicit true, keep the module's block.
module "docs" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "docs"
}

module "assets" {
  source               = "terraform-aws-modules/s3-bucket/aws"
  version              = "~> 4.0"
  bucket               = "assets"
  attach_public_policy = true
}
