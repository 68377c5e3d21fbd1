# VPC endpoint policies guard calls made through the endpoint from inside the VPC: a "*"
# principal there is not "anyone", and "s3:*" grants nothing. Never reported.
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0123456789abcdef0"
  service_name = "com.amazonaws.eu-west-1.s3"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "*"
    }]
  })
}

resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id       = "vpc-0123456789abcdef0"
  service_name = "com.amazonaws.eu-west-1.dynamodb"
}

resource "aws_vpc_endpoint_policy" "dynamodb" {
  vpc_endpoint_id = aws_vpc_endpoint.dynamodb.id
  policy          = <<-EOT
    {
      "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "dynamodb:*", "Resource": "*"}]
    }
  EOT
}

data "aws_iam_policy_document" "ecr_endpoint" {
  statement {
    actions   = ["ecr:*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_vpc_endpoint" "ecr" {
  vpc_id       = "vpc-0123456789abcdef0"
  service_name = "com.amazonaws.eu-west-1.ecr.api"
  policy       = data.aws_iam_policy_document.ecr_endpoint.json
}

# The same "*" on a queue is a grant to anyone.
resource "aws_sqs_queue_policy" "open" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/q"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-resource-policy-public-principal critical
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:q"
    }]
  })
}
