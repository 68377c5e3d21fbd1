# One statement, several wildcards: one finding, on the first offending action.
resource "aws_iam_user_policy" "ci" {
  user = "ci"
  policy = jsonencode({
    Statement = [{
      Effect = "Allow"
      Action = [
        "s3:GetObject",
        "ec2:*",
        #^^^^^^ aws-iam-wildcard-action critical
        "iam:*",
        "lambda:*",
        "sqs:*",
        "*",
      ]
      Resource = "*"
    }]
  })
}

# Graded by resources: "*" on one named ARN is not administrator access (high),
# a whole service on named resources is medium, a write pattern on them low.
resource "aws_iam_role_policy" "scoped" {
  role = "app"
  policy = jsonencode({
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        #          ^^^ aws-iam-wildcard-action high
        Resource = "arn:aws:s3:::app-bucket/*"
      },
      {
        Effect   = "Allow"
        Action   = ["dynamodb:*"]
        #           ^^^^^^^^^^^^ aws-iam-wildcard-action medium
        Resource = [aws_dynamodb_table.t.arn, "arn:aws:dynamodb:eu-west-2:123456789012:table/other"]
      },
      {
        Effect   = "Allow"
        Action   = ["s3:Put*Tagging"] # write actions on one named resource: accepted
        Resource = "arn:aws:s3:::app-bucket/*"
      },
    ]
  })
}

resource "aws_dynamodb_table" "t" {
  name     = "t"
  hash_key = "id"
}

# A policy written in a variable's default.
variable "deploy_policy" {
  default = {
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudformation:*", "s3:*"]
      #           ^^^^^^^^^^^^^^^^^^ aws-iam-wildcard-action high
      Resource = "*"
    }]
  }
}

resource "aws_iam_policy" "deploy" {
  policy = jsonencode(var.deploy_policy)
}

# NotResource reaches every other resource: still administrator access. A resource
# given by a variable without value could be "*": graded as named, said as unknown.
variable "target_arn" {
  type = string
}

resource "aws_iam_policy" "reach" {
  policy = jsonencode({
    Statement = [
      {
        Effect      = "Allow"
        Action      = "*"
        #             ^^^ aws-iam-wildcard-action critical
        NotResource = "arn:aws:s3:::audit/*"
      },
      {
        Effect   = "Allow"
        Action   = "*"
        #          ^^^ aws-iam-wildcard-action high
        Resource = var.target_arn
      },
    ]
  })
}

# A dynamic "statement" block writes one statement per service from one place: one finding.
locals {
  services = ["ec2", "lambda"]
}

data "aws_iam_policy_document" "per_service" {
  dynamic "statement" {
    for_each = local.services
    content {
      actions   = ["${statement.value}:*"]
      #            ^^^^^^^^^^^^^^^^^^^^^^ aws-iam-wildcard-action high
      resources = ["*"]
    }
  }
}
