module "admin_policy" {
  source = "terraform-aws-modules/iam/aws//modules/iam-policy"
  name   = "admin"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] # expect: aws-iam-wildcard-action
  })
}

module "read_policy" {
  source = "terraform-aws-modules/iam/aws//modules/iam-policy"
  name   = "read"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}
