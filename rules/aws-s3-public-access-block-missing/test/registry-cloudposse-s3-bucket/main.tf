# cloudposse/s3-bucket before 0.14.0 created no public access block.
module "ancient" {
#^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-missing high
  source  = "cloudposse/s3-bucket/aws"
  version = "0.13.0"
}

module "old_range" {
#^^^^^^^^^^^^^^^^^^^ aws-s3-public-access-block-missing high
  source  = "cloudposse/s3-bucket/aws"
  version = "~> 0.10.0"
}

# From 0.14.0 on, every bucket gets one.
module "pinned" {
  source  = "cloudposse/s3-bucket/aws"
  version = "0.14.0"
}

module "unpinned" {
  source = "cloudposse/s3-bucket/aws"
}
