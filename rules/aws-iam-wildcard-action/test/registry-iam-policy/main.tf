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

module "pinned_policy" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 5.0"
  name    = "pinned"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] # expect: aws-iam-wildcard-action
  })
}

module "pinned_read_policy" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-policy"
  version = "~> 5.0"
  name    = "pinned-read"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["s3:Get*", "s3:List*"], Resource = "*" }]
  })
}
