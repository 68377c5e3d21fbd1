# Two public principals in one statement: one finding on the first, naming both.
resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect = "Allow"
      Action = "sts:AssumeRole"
      Principal = {
        AWS = [
          "*",
          #^^ aws-iam-role-trust-any-principal critical
          "arn:aws:iam::111122223333:root",
          "arn:aws:iam::*:root",
        ]
      }
    }]
  })
}

# A second statement open to anyone is a second finding.
resource "aws_iam_role" "twice" {
  name = "twice"
  assume_role_policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } },
      #                                                                  ^^^ aws-iam-role-trust-any-principal critical
      { Effect = "Allow", Action = "sts:TagSession", Principal = { AWS = "arn:aws:iam::*:root" } },
      #                                                                  ^^^^^^^^^^^^^^^^^^^^^ aws-iam-role-trust-any-principal critical
    ]
  })
}
