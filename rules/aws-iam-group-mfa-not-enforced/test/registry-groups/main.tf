# iam 5.x: iam-group-with-policies attaches a self-management policy that denies everything
# but MFA setup without MFA, unless told not to: the finding lands on the argument that did.
module "admins" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-group-with-policies"
  version = "~> 5.0"
  name    = "admins"
}

module "ops" {
  source                 = "terraform-aws-modules/iam/aws//modules/iam-group-with-policies"
  version                = "~> 5.0"
  name                   = "ops"
  enable_mfa_enforcement = false
  #                        ^^^^^ aws-iam-group-mfa-not-enforced low
}

module "bare" {
  source                            = "terraform-aws-modules/iam/aws//modules/iam-group-with-policies"
  name                              = "bare"
  attach_iam_self_management_policy = false
  #                                   ^^^^^ aws-iam-group-mfa-not-enforced low
}

# iam 6.x: iam-group writes the same statement into its own policy.
module "developers" {
  source = "terraform-aws-modules/iam/aws//modules/iam-group"
  name   = "developers"
  permissions = {
    read = { actions = ["s3:GetObject"], resources = ["arn:aws:s3:::docs/*"] }
  }
}

module "contractors" {
  source                             = "terraform-aws-modules/iam/aws//modules/iam-group"
  version                            = "~> 6.0"
  name                               = "contractors"
  enable_self_management_permissions = false
  #                                    ^^^^^ aws-iam-group-mfa-not-enforced low
}

module "no_policy" {
  source        = "terraform-aws-modules/iam/aws//modules/iam-group"
  name          = "no-policy"
  create_policy = false
  #               ^^^^^ aws-iam-group-mfa-not-enforced low
}
