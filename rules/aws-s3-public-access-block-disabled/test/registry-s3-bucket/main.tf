# terraform-aws-modules/s3-bucket, before terraform init: the table gives the module's resources.
module "pinned_new" {
  source            = "terraform-aws-modules/s3-bucket/aws"
  version           = "~> 4.0"
  bucket            = "pinned-new"
  block_public_acls = false
  #                   ^^^^^ aws-s3-public-access-block-disabled high
}

# Versions before 3.10 defaulted every flag to false: the defaults land on the header.
module "pinned_old" {
#^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
#^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
#^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
#^^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "3.2.0"
  bucket  = "pinned-old"
}

# Unpinned: the newest version, whose defaults are safe.
module "unpinned" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "unpinned"
}

# Not created at all when attach_public_policy is false.
module "no_block" {
  source               = "terraform-aws-modules/s3-bucket/aws"
  bucket               = "no-block"
  attach_public_policy = false
  block_public_policy  = false
}
