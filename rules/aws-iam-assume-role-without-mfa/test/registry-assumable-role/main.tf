module "admin_role" {
  source            = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version           = "~> 5.0"
  create_role       = true
  role_name         = "admin"
  role_requires_mfa = false
  trusted_role_arns = ["arn:aws:iam::123456789012:root"]
  #                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
}

# The module's default requires MFA.
module "mfa_role" {
  source            = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version           = "~> 5.0"
  create_role       = true
  role_name         = "mfa"
  trusted_role_arns = ["arn:aws:iam::123456789012:root"]
}

module "service_role" {
  source                = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  create_role           = true
  role_name             = "svc"
  role_requires_mfa     = false
  trusted_role_services = ["ec2.amazonaws.com"]
}
