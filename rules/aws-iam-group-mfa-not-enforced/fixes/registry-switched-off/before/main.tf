module "ops" {
  source                 = "terraform-aws-modules/iam/aws//modules/iam-group-with-policies"
  version                = "~> 5.0"
  name                   = "ops"
  enable_mfa_enforcement = false
}
