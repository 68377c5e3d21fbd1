# cloudposse/s3-bucket: `acl` becomes the aws_s3_bucket_acl the module creates.
module "site" {
  source            = "cloudposse/s3-bucket/aws"
  version           = "4.2.0"
  bucket_name       = "site"
  acl               = "public-read"
  #                   ^^^^^^^^^^^^^ aws-s3-public-acl high
  block_public_acls = false
}

# Unpinned, public ACL under the default public access block: still reported (low).
module "blocked" {
  source = "cloudposse/s3-bucket/aws"
  acl    = "public-read-write"
  #        ^^^^^^^^^^^^^^^^^^^ aws-s3-public-acl low
}

# The default acl is "private".
module "default_acl" {
  source  = "cloudposse/s3-bucket/aws"
  version = "~> 3.0"
}

# BucketOwnerEnforced: the module creates no ACL at all.
module "enforced" {
  source              = "cloudposse/s3-bucket/aws"
  acl                 = "public-read"
  s3_object_ownership = "BucketOwnerEnforced"
}

# With grants the module writes no canned ACL (grants replace it).
module "with_grants" {
  source = "cloudposse/s3-bucket/aws"
  acl    = "public-read"
  grants = [{ id = "abc123", type = "CanonicalUser", permissions = ["FULL_CONTROL"], uri = null }]
}

# enabled = false: the module creates nothing.
module "disabled" {
  source  = "cloudposse/s3-bucket/aws"
  enabled = false
  acl     = "public-read"
}
