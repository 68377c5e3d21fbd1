# Managed policies looked up with data "aws_iam_policy", by name or by ARN.

data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}

data "aws_iam_policy" "iam_full" {
  arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}

variable "admin_policy_name" {
  type    = string
  default = "AdministratorAccess"
}

data "aws_iam_policy" "by_variable" {
  name        = var.admin_policy_name
  path_prefix = "/"
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = "ci"
  policy_arn = data.aws_iam_policy.admin.arn
  #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

resource "aws_iam_group_policy_attachment" "iam" {
  group      = "ops"
  policy_arn = data.aws_iam_policy.iam_full.arn
  #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

locals {
  admin_arn = data.aws_iam_policy.by_variable.arn
  #           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

resource "aws_iam_user_policy_attachment" "through_local" {
  user       = "u"
  policy_arn = local.admin_arn
}

resource "aws_iam_role" "listed" {
  name                = "listed"
  assume_role_policy  = "{}"
  managed_policy_arns = [data.aws_iam_policy.admin.arn]
  #                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

# Left alone: other policies looked up by name or ARN.
data "aws_iam_policy" "read_only" {
  name = "ReadOnlyAccess"
}

data "aws_iam_policy" "customer" {
  arn = "arn:aws:iam::123456789012:policy/AdministratorAccess"
}

# Left alone: a customer policy of that name under its own path is not AWS's.
data "aws_iam_policy" "own_path" {
  name        = "AdministratorAccess"
  path_prefix = "/team/"
}

variable "policy_name" {
  type = string
}

# Left alone: a name known only at apply time.
data "aws_iam_policy" "unknown" {
  name = var.policy_name
}

resource "aws_iam_role_policy_attachment" "read_only" {
  role       = "ci"
  policy_arn = data.aws_iam_policy.read_only.arn
}

resource "aws_iam_role_policy_attachment" "customer" {
  role       = "ci"
  policy_arn = data.aws_iam_policy.customer.arn
}

resource "aws_iam_role_policy_attachment" "own_path" {
  role       = "ci"
  policy_arn = data.aws_iam_policy.own_path.arn
}

resource "aws_iam_role_policy_attachment" "unknown" {
  role       = "ci"
  policy_arn = data.aws_iam_policy.unknown.arn
}
