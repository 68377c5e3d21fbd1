# cloudposse/s3-log-storage: `source_policy_documents` (and `policy` in 1.x) are merged
# into the bucket policy, after the SSL-only Deny (`allow_ssl_requests_only`, default true).
module "shared" {
  source  = "cloudposse/s3-log-storage/aws"
  version = "2.0.0"
  source_policy_documents = [jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-s3-public-bucket-policy high
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::shared-logs/*"
    }]
  })]
}

module "legacy" {
  source  = "cloudposse/s3-log-storage/aws"
  version = "~> 1.4"
  policy  = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::legacy-logs/*" }] })
  #                                                                           ^^^ aws-s3-public-bucket-policy high
}

# Defaults: only the module's SSL-only Deny; and a named log-delivery principal.
module "logs" {
  source = "cloudposse/s3-log-storage/aws"
}

module "delivery" {
  source = "cloudposse/s3-log-storage/aws"
  source_policy_documents = [jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "logging.s3.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::delivery-logs/*"
    }]
  })]
}
