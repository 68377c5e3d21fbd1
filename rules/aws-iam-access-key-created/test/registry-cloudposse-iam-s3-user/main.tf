# cloudposse/iam-s3-user creates a user and, by default, an access key for it.
module "reader" {
#^^^^^^^^^^^^^^^^ aws-iam-access-key-created high
  source       = "cloudposse/iam-s3-user/aws"
  version      = "1.2.1"
  s3_resources = ["arn:aws:s3:::reports/*"]
}

module "writer" {
  source                = "cloudposse/iam-s3-user/aws"
  s3_resources          = ["arn:aws:s3:::reports/*"]
  create_iam_access_key = true
  #                       ^^^^ aws-iam-access-key-created high
}

module "no_key" {
  source                = "cloudposse/iam-s3-user/aws"
  s3_resources          = ["arn:aws:s3:::reports/*"]
  create_iam_access_key = false
}

module "off" {
  source       = "cloudposse/iam-s3-user/aws"
  version      = "~> 1.0"
  enabled      = false
  s3_resources = ["arn:aws:s3:::reports/*"]
}
