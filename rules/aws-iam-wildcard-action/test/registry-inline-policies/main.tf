# iam v6 writes an inline policy from `inline_policy_permissions` when asked to.
module "worker" {
  source               = "terraform-aws-modules/iam/aws//modules/iam-role"
  version              = "~> 6.0"
  name                 = "worker"
  create_inline_policy = true
  inline_policy_permissions = {
    everything = {
      actions   = ["s3:*"]
      #            ^^^^^^ aws-iam-wildcard-action medium
      resources = ["arn:aws:s3:::worker-bucket/*"]
    }
  }
}

module "reader" {
  source               = "terraform-aws-modules/iam/aws//modules/iam-user"
  version              = "~> 6.0"
  name                 = "reader"
  create_access_key    = false
  create_inline_policy = true
  inline_policy_permissions = {
    read = {
      actions   = ["s3:Get*", "s3:List*"]
      resources = ["arn:aws:s3:::reports/*"]
    }
  }
}

# Without create_inline_policy the module writes no inline policy.
module "idle" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 6.0"
  name    = "idle"
  inline_policy_permissions = {
    all = { actions = ["*"], resources = ["*"] }
  }
}
