# Resource policies of the provider's other resources (server/src/iam/policy-attributes.ts),
# including arguments inside nested blocks.

resource "aws_dynamodb_resource_policy" "t" {
  resource_arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/t"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "dynamodb:GetItem", Resource = "*" }]
    #                                            ^^^ aws-resource-policy-public-principal high
  })
}

resource "aws_cloudwatch_event_bus_policy" "b" {
  event_bus_name = "b"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "events:PutEvents", Resource = "*" }]
    #                                                    ^^^ aws-resource-policy-public-principal critical
  })
}

resource "aws_s3control_multi_region_access_point_policy" "m" {
  details {
    name = "m"
    policy = jsonencode({
      Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
      #                                            ^^^ aws-resource-policy-public-principal high
    })
  }
}

resource "aws_glacier_vault" "v" {
  name = "v"
  access_policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "glacier:InitiateJob", Resource = "*" }]
    #                                            ^^^ aws-resource-policy-public-principal critical
  })
}

resource "aws_ses_identity_policy" "s" {
  identity = "example.com"
  name     = "s"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "ses:SendEmail", Resource = "*" }]
    #                                                    ^^^ aws-resource-policy-public-principal critical
  })
}

# Left alone: narrowed to the organization.
resource "aws_kinesis_resource_policy" "k" {
  resource_arn = "arn:aws:kinesis:eu-west-1:123456789012:stream/k"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow", Principal = "*", Action = "kinesis:GetRecords", Resource = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}

# Left alone: a named account.
resource "aws_fsx_s3_access_point_attachment" "f" {
  name = "f"
  type = "OPENZFS"
  s3_access_point {
    policy = jsonencode({
      Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "s3:GetObject", Resource = "*" }]
    })
  }
}

# Left alone: not IAM policies (OpenSearch Serverless access rules, ECR lifecycle rules).
resource "aws_opensearchserverless_access_policy" "a" {
  name = "a"
  type = "data"
  policy = jsonencode([{
    Rules     = [{ ResourceType = "index", Resource = ["index/c/*"], Permission = ["aoss:*"] }]
    Principal = ["*"]
  }])
}

resource "aws_ecr_lifecycle_policy" "l" {
  repository = "r"
  policy     = jsonencode({ rules = [{ rulePriority = 1, selection = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 5 }, action = { type = "expire" } }] })
}
