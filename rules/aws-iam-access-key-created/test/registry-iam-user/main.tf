module "ci_user" {
#^^^^^^^^^^^^^^^^^ aws-iam-access-key-created high
  source  = "terraform-aws-modules/iam/aws//modules/iam-user"
  version = "~> 6.0"
  name    = "ci"
}

module "no_key" {
  source            = "terraform-aws-modules/iam/aws//modules/iam-user"
  version           = "~> 6.0"
  name              = "human"
  create_access_key = false
}

# Version 5 named the input create_iam_access_key.
module "v5_no_key" {
  source                = "terraform-aws-modules/iam/aws//modules/iam-user"
  version               = "~> 5.0"
  name                  = "old"
  create_iam_access_key = false
}

# No version pinned: the latest major (6.x) creates a key by default.
module "unpinned" {
#^^^^^^^^^^^^^^^^^^ aws-iam-access-key-created high
  source = "terraform-aws-modules/iam/aws//modules/iam-user"
  name   = "unpinned"
}

module "unpinned_no_key" {
  source            = "terraform-aws-modules/iam/aws//modules/iam-user"
  name              = "unpinned-no-key"
  create_access_key = false
}
