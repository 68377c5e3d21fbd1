# iam v6: `policies` maps a name to a policy ARN, one attachment each.
module "deployer" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 6.0"
  name    = "deployer"
  policies = {
    admin = "arn:aws:iam::aws:policy/AdministratorAccess"
    #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
    read  = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  }
}

module "auditor" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 6.0"
  name    = "auditor"
  policies = {
    read = "arn:aws:iam::aws:policy/SecurityAudit"
  }
}

module "breakglass" {
  source            = "terraform-aws-modules/iam/aws//modules/iam-user"
  version           = "~> 6.0"
  name              = "breakglass"
  create_access_key = false
  policies = {
    iam = "arn:aws:iam::aws:policy/IAMFullAccess"
    #     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
  }
}

# iam v5's iam-user takes a list.
module "legacy" {
  source                = "terraform-aws-modules/iam/aws//modules/iam-user"
  version               = "~> 5.0"
  name                  = "legacy"
  create_iam_access_key = false
  policy_arns           = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  #                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

# iam v6's iam-group takes a map too.
module "platform" {
  source = "terraform-aws-modules/iam/aws//modules/iam-group"
  name   = "platform"
  policies = {
    admin = "arn:aws:iam::aws:policy/AdministratorAccess"
    #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
    read  = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  }
}
