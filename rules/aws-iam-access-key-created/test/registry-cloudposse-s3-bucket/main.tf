# cloudposse/s3-bucket: user_enabled creates an IAM user, and (access_key_enabled
# defaults to true) an access key for it.
module "uploads" {
  source       = "cloudposse/s3-bucket/aws"
  version      = "4.2.0"
  user_enabled = true
  #              ^^^^ aws-iam-access-key-created high
}

module "unpinned" {
  source                  = "cloudposse/s3-bucket/aws"
  user_enabled            = true
  #                         ^^^^ aws-iam-access-key-created high
  store_access_key_in_ssm = true
}

module "no_key" {
  source             = "cloudposse/s3-bucket/aws"
  user_enabled       = true
  access_key_enabled = false
}

module "no_user" {
  source  = "cloudposse/s3-bucket/aws"
  version = "~> 4.0"
}
