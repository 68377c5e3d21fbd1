# cloudposse/s3-bucket: the four flags default to true in every version that has them.
module "pinned" {
  source              = "cloudposse/s3-bucket/aws"
  version             = "4.2.0"
  block_public_policy = false
  #                     ^^^^^ aws-s3-public-access-block-disabled high
}

module "unpinned" {
  source                  = "cloudposse/s3-bucket/aws"
  restrict_public_buckets = false
  #                         ^^^^^ aws-s3-public-access-block-disabled high
  ignore_public_acls      = true
}

# Defaults only: every flag on.
module "defaults" {
  source  = "cloudposse/s3-bucket/aws"
  version = "~> 2.0"
}

module "explicit" {
  source                  = "cloudposse/s3-bucket/aws"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
