# The s3-bucket module turns each entry of `grant` into an ACL grant.
module "downloads" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4.0"
  bucket  = "downloads"
  grant = [
    {
      type       = "CanonicalUser"
      permission = "FULL_CONTROL"
      id         = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    },
    {
      type       = "Group"
      permission = "READ"
      uri        = "http://acs.amazonaws.com/groups/global/AllUsers"
      #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-grant high
    },
  ]
}

module "shared" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "shared"
  grant = [{
    type       = "Group"
    permission = "WRITE"
    uri        = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
    #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-grant critical
  }]
}

# Grants to the log delivery group or to named accounts are not public.
module "logs" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "logs"
  grant = [{
    type       = "Group"
    permission = "WRITE"
    uri        = "http://acs.amazonaws.com/groups/s3/LogDelivery"
  }]
}

module "plain" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "plain"
}
