# A VPC endpoint policy narrows what callers inside the VPC may do through the endpoint:
# "s3:*" there grants nothing, so it is not a wildcard grant.
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-1"
  service_name = "com.amazonaws.eu-west-2.s3"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "*"
    }]
  })
}

data "aws_iam_policy_document" "endpoint" {
  statement {
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["dynamodb:*"]
    resources = ["*"]
  }
}

resource "aws_vpc_endpoint_policy" "dynamodb" {
  vpc_endpoint_id = "vpce-1"
  policy          = data.aws_iam_policy_document.endpoint.json
}

# The same statement on a queue is a grant.
resource "aws_sqs_queue_policy" "q" {
  queue_url = "https://sqs.eu-west-2.amazonaws.com/123456789012/q"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "sqs:*"
      #           ^^^^^^^ aws-iam-wildcard-action medium
      Resource  = "*"
    }]
  })
}
