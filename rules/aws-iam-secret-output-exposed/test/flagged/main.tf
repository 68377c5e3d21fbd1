output "secret" {
  value = aws_iam_access_key.ci.secret # expect: aws-iam-secret-output-exposed
}

locals {
  creds = { id = aws_iam_access_key.ci.id, secret = aws_iam_access_key.ci.secret }
}

output "creds" {
  value     = local.creds # expect: aws-iam-secret-output-exposed
  sensitive = false
}
