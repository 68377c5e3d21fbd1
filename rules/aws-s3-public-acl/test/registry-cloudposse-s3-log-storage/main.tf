# cloudposse/s3-log-storage (wraps cloudposse/s3-bucket): `acl` defaults to
# "log-delivery-write", written unless `s3_object_ownership = "BucketOwnerEnforced"`
# (its default is "BucketOwnerPreferred").
module "public_logs" {
  source  = "cloudposse/s3-log-storage/aws"
  version = "2.0.0"
  acl     = "public-read"
  #         ^^^^^^^^^^^^^ aws-s3-public-acl low
}

# The default ACL lets S3 log delivery write; it is not public.
module "logs" {
  source  = "cloudposse/s3-log-storage/aws"
  version = "~> 1.4"
}

# ACLs disabled: the module writes no ACL at all.
module "enforced" {
  source              = "cloudposse/s3-log-storage/aws"
  acl                 = "public-read"
  s3_object_ownership = "BucketOwnerEnforced"
}

module "off" {
  source  = "cloudposse/s3-log-storage/aws"
  enabled = false
  acl     = "public-read-write"
}
