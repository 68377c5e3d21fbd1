module "admin_policy" {
  source = "terraform-aws-modules/iam/aws//modules/iam-policy"
  name   = "admin"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
    #                                         ^^^ aws-iam-wildcard-action critical
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
    Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }]
    #                                         ^^^^^^^ aws-iam-wildcard-action high
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
