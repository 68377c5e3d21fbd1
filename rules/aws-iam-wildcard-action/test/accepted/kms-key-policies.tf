# A key policy governs only its own key: AWS's default key policy gives the account kms:*
# and administrators kms:Create*, kms:Put*... Whom it lets in is judged by the principal rules.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "logs" {
  description = "logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "KeyAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:role/key-admin" }
        Action    = ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:Put*", "kms:Revoke*", "kms:Disable*", "kms:Delete*"]
        Resource  = "*"
      },
    ]
  })
}

# The registry module's owner and administrator inputs write the same statements.
module "key" {
  source             = "terraform-aws-modules/kms/aws"
  version            = "~> 3.0"
  key_owners         = ["arn:aws:iam::123456789012:role/owner"]
  key_administrators = ["arn:aws:iam::123456789012:role/key-admin"]
  key_users          = ["arn:aws:iam::123456789012:role/app"]
}
