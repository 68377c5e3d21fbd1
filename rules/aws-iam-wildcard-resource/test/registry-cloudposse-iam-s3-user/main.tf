# cloudposse/iam-s3-user: the user's policy allows s3_actions on s3_resources.
module "everything" {
  source       = "cloudposse/iam-s3-user/aws"
  version      = "1.2.1"
  s3_actions   = ["s3:PutObject"]
  s3_resources = ["*"]
  #               ^^^ aws-iam-wildcard-resource medium
}

module "unpinned" {
  source       = "cloudposse/iam-s3-user/aws"
  s3_actions   = ["s3:DeleteObject", "s3:GetObject"]
  s3_resources = ["*"]
  #               ^^^ aws-iam-wildcard-resource medium
}

module "named" {
  source       = "cloudposse/iam-s3-user/aws"
  s3_actions   = ["s3:PutObject"]
  s3_resources = ["arn:aws:s3:::reports/*"]
}

module "off" {
  source       = "cloudposse/iam-s3-user/aws"
  version      = "~> 1.0"
  enabled      = false
  s3_actions   = ["s3:PutObject"]
  s3_resources = ["*"]
}
