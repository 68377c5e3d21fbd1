# OpenSearch / Elasticsearch access policies open to "*": reported for every domain, one
# severity level lower when the domain is in a VPC or uses fine-grained access control
# (test/unit/policy-semantics.test.ts checks the severities and messages).

resource "aws_opensearch_domain" "open" {
  domain_name = "open"
  access_policies = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      #                   ^^^ aws-resource-policy-public-principal critical
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/open/*"
    }]
  })
}

resource "aws_opensearch_domain" "in_vpc" {
  domain_name = "in-vpc"
  vpc_options {
    subnet_ids = ["subnet-0123456789abcdef0"]
  }
  access_policies = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      #                   ^^^ aws-resource-policy-public-principal high
      Action    = "es:ESHttp*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/in-vpc/*"
    }]
  })
}

resource "aws_elasticsearch_domain" "fgac" {
  domain_name = "fgac"
  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
  }
}

resource "aws_elasticsearch_domain_policy" "fgac" {
  domain_name     = aws_elasticsearch_domain.fgac.domain_name
  access_policies = <<-EOT
    {
      "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:ESHttpGet", "Resource": "arn:aws:es:eu-west-1:123456789012:domain/fgac/*"}]
    }
  EOT
}

data "aws_iam_policy_document" "by_name" {
  statement {
    actions   = ["es:ESHttpGet"]
    resources = ["arn:aws:es:eu-west-1:123456789012:domain/by-name/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
      #              ^^^ aws-resource-policy-public-principal medium
    }
  }
}

resource "aws_opensearch_domain" "by_name" {
  domain_name = "by-name"
  vpc_options {
    subnet_ids = ["subnet-0123456789abcdef0"]
  }
}

resource "aws_opensearch_domain_policy" "by_name" {
  domain_name     = "by-name"
  access_policies = data.aws_iam_policy_document.by_name.json
}

# fine-grained access control switched off: as open as the first domain.
resource "aws_opensearch_domain" "fgac_off" {
  domain_name = "fgac-off"
  advanced_security_options {
    enabled = false
  }
  access_policies = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-resource-policy-public-principal high
      Action    = "es:ESHttpGet"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/fgac-off/*"
    }]
  })
}

# Accepted: named principals.
resource "aws_opensearch_domain" "named" {
  domain_name = "named"
  access_policies = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/search" }
      Action    = "es:ESHttp*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/named/*"
    }]
  })
}

# A dynamic vpc_options over a known, non-empty collection puts the domain in a VPC;
# over an empty one it does not.
variable "vpc" {
  default = { subnet_ids = ["subnet-0123456789abcdef0"] }
}

resource "aws_opensearch_domain" "dynamic_vpc" {
  domain_name = "dynamic-vpc"
  dynamic "vpc_options" {
    for_each = [var.vpc]
    content {
      subnet_ids = vpc_options.value.subnet_ids
    }
  }
  access_policies = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-resource-policy-public-principal medium
      Action    = "es:ESHttpGet"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/dynamic-vpc/*"
    }]
  })
}

resource "aws_opensearch_domain" "dynamic_none" {
  domain_name = "dynamic-none"
  dynamic "vpc_options" {
    for_each = []
    content {
      subnet_ids = vpc_options.value.subnet_ids
    }
  }
  access_policies = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-resource-policy-public-principal high
      Action    = "es:ESHttpGet"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/dynamic-none/*"
    }]
  })
}
