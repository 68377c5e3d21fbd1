resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" } # expect: aws-iam-role-trust-any-principal
    }]
  })
}

data "aws_iam_policy_document" "star" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::*:root"] # expect: aws-iam-role-trust-any-principal
    }
  }
}

resource "aws_iam_role" "star" {
  name               = "star"
  assume_role_policy = data.aws_iam_policy_document.star.json
}
