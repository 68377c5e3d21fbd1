# Switched off: with create false, Terraform creates no group, so there is nothing to enforce.
variable "create" {
  default = false
}

resource "aws_iam_group" "optional" {
  count = var.create ? 1 : 0
  name  = "optional"
}
