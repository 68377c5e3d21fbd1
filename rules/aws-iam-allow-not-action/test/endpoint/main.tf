# An endpoint policy with NotAction only narrows what passes through the endpoint.
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-1"
  service_name = "com.amazonaws.eu-west-2.s3"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      NotAction = "s3:DeleteBucket"
      Resource  = "*"
    }]
  })
}

resource "aws_iam_policy" "grant" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      NotAction = "s3:DeleteBucket"
      #           ^^^^^^^^^^^^^^^^^ aws-iam-allow-not-action high
      Resource  = "*"
    }]
  })
}
