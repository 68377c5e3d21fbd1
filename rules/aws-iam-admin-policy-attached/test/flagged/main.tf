resource "aws_iam_role_policy_attachment" "ci" {
  role       = "ci"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
  #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

locals {
  iam_admin = "arn:aws:iam::aws:policy/IAMFullAccess"
  #           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

resource "aws_iam_role" "ops" {
  name                = "ops"
  assume_role_policy  = "{}"
  managed_policy_arns = [local.iam_admin]
}
