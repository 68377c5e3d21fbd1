module "admin_role" {
  source              = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  create_role         = true
  role_name           = "admin"
  attach_admin_policy = true
  #                     ^^^^ aws-iam-admin-policy-attached high
}

module "plain_role" {
  source      = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  create_role = true
  role_name   = "plain"
}
