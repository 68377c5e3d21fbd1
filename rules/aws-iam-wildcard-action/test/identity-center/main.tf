# A permission set's inline policy is an identity policy: judged like a role's.

resource "aws_ssoadmin_permission_set_inline_policy" "admin" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-1"
  inline_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
    #                                         ^^^ aws-iam-wildcard-action critical
  })
}

data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:Get*", "s3:List*"]
    resources = ["*"]
  }
}

# Left alone: read-only patterns.
resource "aws_ssoadmin_permission_set_inline_policy" "reader" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-2"
  inline_policy      = data.aws_iam_policy_document.reader.json
}

# A Transfer Family session policy narrows the user's role like an identity policy.
resource "aws_transfer_user" "u" {
  server_id = "s-1"
  user_name = "u"
  role      = "arn:aws:iam::123456789012:role/transfer"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
    #                                         ^^^^^^ aws-iam-wildcard-action high
  })
}
