module "ops_role" {
  source                  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version                 = "~> 5.0"
  create_role             = true
  role_name               = "ops"
  custom_role_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  #                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

module "admins" {
  source                   = "terraform-aws-modules/iam/aws//modules/iam-group-with-policies"
  name                     = "admins"
  custom_group_policy_arns = ["arn:aws:iam::aws:policy/IAMFullAccess"]
  #                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

module "readers" {
  source                   = "terraform-aws-modules/iam/aws//modules/iam-group-with-policies"
  name                     = "readers"
  custom_group_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

module "pinned_admins" {
  source                   = "terraform-aws-modules/iam/aws//modules/iam-group-with-policies"
  version                  = "~> 5.0"
  name                     = "pinned-admins"
  custom_group_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  #                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

module "pinned_readers" {
  source                   = "terraform-aws-modules/iam/aws//modules/iam-group-with-policies"
  version                  = "~> 5.0"
  name                     = "pinned-readers"
  custom_group_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}
