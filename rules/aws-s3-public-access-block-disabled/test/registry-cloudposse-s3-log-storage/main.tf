# cloudposse/s3-log-storage: the four public-access-block inputs default to true and are
# passed to cloudposse/s3-bucket's block.
module "pinned" {
  source              = "cloudposse/s3-log-storage/aws"
  version             = "2.0.0"
  block_public_policy = false
  #                     ^^^^^ aws-s3-public-access-block-disabled high
}

module "unpinned" {
  source            = "cloudposse/s3-log-storage/aws"
  block_public_acls = false
  #                   ^^^^^ aws-s3-public-access-block-disabled high
}

# Defaults only: every flag on.
module "defaults" {
  source  = "cloudposse/s3-log-storage/aws"
  version = "~> 1.0"
}
