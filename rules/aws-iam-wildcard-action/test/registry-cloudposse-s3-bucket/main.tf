# cloudposse/s3-bucket: the user the module creates gets allowed_bucket_actions on the bucket.
module "uploads" {
  source                 = "cloudposse/s3-bucket/aws"
  version                = "4.2.0"
  user_enabled           = true
  allowed_bucket_actions = ["s3:*"]
  #                         ^^^^^^ aws-iam-wildcard-action medium
}

module "unpinned" {
  source                 = "cloudposse/s3-bucket/aws"
  user_enabled           = true
  allowed_bucket_actions = ["s3:GetObject", "s3:Put*"]
  #                                         ^^^^^^^^^ aws-iam-wildcard-action medium
}

# The module's default action list, or named actions.
module "defaults" {
  source       = "cloudposse/s3-bucket/aws"
  user_enabled = true
}

module "named" {
  source                 = "cloudposse/s3-bucket/aws"
  version                = "~> 4.0"
  user_enabled           = true
  allowed_bucket_actions = ["s3:GetObject", "s3:PutObject"]
}

# No user: the actions are not used.
module "no_user" {
  source                 = "cloudposse/s3-bucket/aws"
  allowed_bucket_actions = ["s3:*"]
}
