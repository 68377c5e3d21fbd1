# cloudposse/s3-bucket: each `grants` entry becomes a grant of the bucket ACL, one per
# permission, but only when `acl` is null (the module's documented way to use grants).
module "shared" {
  source  = "cloudposse/s3-bucket/aws"
  version = "4.2.0"
  acl     = null
  grants = [
    { id = null, type = "Group", permissions = ["READ"], uri = "http://acs.amazonaws.com/groups/global/AllUsers" },
    #                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-grant high
    { id = "abc123", type = "CanonicalUser", permissions = ["FULL_CONTROL"], uri = null },
  ]
}

module "unpinned" {
  source = "cloudposse/s3-bucket/aws"
  acl    = ""
  grants = [{ id = null, type = "Group", permissions = ["READ", "WRITE"], uri = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" }]
  #                                                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-grant critical
}

# acl left at its default ("private"): the module ignores grants.
module "ignored" {
  source = "cloudposse/s3-bucket/aws"
  grants = [{ id = null, type = "Group", permissions = ["READ"], uri = "http://acs.amazonaws.com/groups/global/AllUsers" }]
}

# Named accounts only.
module "named" {
  source  = "cloudposse/s3-bucket/aws"
  version = "~> 4.0"
  acl     = null
  grants  = [{ id = "abc123", type = "CanonicalUser", permissions = ["READ"], uri = null }]
}
