resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
      #                   ^^^ aws-iam-role-trust-any-principal critical
    }]
  })
}

data "aws_iam_policy_document" "star" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::*:root"]
      #              ^^^^^^^^^^^^^^^^^^^^^ aws-iam-role-trust-any-principal critical
    }
  }
}

resource "aws_iam_role" "star" {
  name               = "star"
  assume_role_policy = data.aws_iam_policy_document.star.json
}
