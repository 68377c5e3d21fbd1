output "secret" {
  value     = aws_iam_access_key.ci.secret
  sensitive = true
}
