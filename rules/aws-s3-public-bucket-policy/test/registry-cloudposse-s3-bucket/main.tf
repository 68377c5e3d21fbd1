# cloudposse/s3-bucket: documents in `source_policy_documents` (and `policy` before 4.0)
# are merged into the bucket policy the module writes.
module "site" {
  source  = "cloudposse/s3-bucket/aws"
  version = "4.2.0"
  source_policy_documents = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-s3-public-bucket-policy high
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::site/*"
    }]
  })]
}

module "legacy" {
  source  = "cloudposse/s3-bucket/aws"
  version = "~> 3.0"
  policy  = data.aws_iam_policy_document.legacy.json
}

data "aws_iam_policy_document" "legacy" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::legacy/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
      #              ^^^ aws-s3-public-bucket-policy high
    }
  }
}

# Named principals, the module's own SSL-only Deny, and replication roles: not public.
module "private" {
  source                      = "cloudposse/s3-bucket/aws"
  allow_ssl_requests_only     = true
  s3_replication_source_roles = ["arn:aws:iam::123456789012:role/replication"]
  source_policy_documents = [jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::private/*"
    }]
  })]
}

# A public statement replaced by sid: the document's later statement wins.
module "replaced" {
  source = "cloudposse/s3-bucket/aws"
  source_policy_documents = [
    jsonencode({ Statement = [{ Sid = "Read", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::r/*" }] }),
    jsonencode({ Statement = [{ Sid = "Read", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::r/*" }] }),
  ]
}

module "off" {
  source                  = "cloudposse/s3-bucket/aws"
  enabled                 = false
  source_policy_documents = [jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::off/*" }] })]
}
