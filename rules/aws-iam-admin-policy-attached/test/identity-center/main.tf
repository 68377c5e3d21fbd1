# IAM Identity Center permission sets: managed policy attachments.

resource "aws_ssoadmin_permission_set" "ops" {
  name         = "ops"
  instance_arn = "arn:aws:sso:::instance/ssoins-1"
}

resource "aws_ssoadmin_managed_policy_attachment" "admin" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
  #                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

data "aws_iam_policy" "iam_full" {
  name = "IAMFullAccess"
}

resource "aws_ssoadmin_managed_policy_attachment" "iam" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  managed_policy_arn = data.aws_iam_policy.iam_full.arn
  #                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-admin-policy-attached high
}

# Left alone: a scoped managed policy.
resource "aws_ssoadmin_managed_policy_attachment" "read_only" {
  instance_arn       = aws_ssoadmin_permission_set.ops.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ops.arn
  managed_policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
