resource "aws_iam_role_policy_attachment" "ci" {
  role       = "ci"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess" # expect: aws-iam-admin-policy-attached
}

locals {
  iam_admin = "arn:aws:iam::aws:policy/IAMFullAccess" # expect: aws-iam-admin-policy-attached
}

resource "aws_iam_role" "ops" {
  name                = "ops"
  assume_role_policy  = "{}"
  managed_policy_arns = [local.iam_admin]
}
