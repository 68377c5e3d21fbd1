output "secret" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}

output "id" {
  value = aws_iam_access_key.ci.id
}

output "encrypted" {
  value = aws_iam_access_key.ci.encrypted_secret
}
