output "secret" {
  value = aws_iam_access_key.ci.secret
  #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-secret-output-exposed high
}

locals {
  creds = { id = aws_iam_access_key.ci.id, secret = aws_iam_access_key.ci.secret }
}

output "creds" {
  value     = local.creds
  #           ^^^^^^^^^^^ aws-iam-secret-output-exposed high
  sensitive = false
}
