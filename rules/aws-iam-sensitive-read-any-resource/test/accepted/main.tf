# Named resources: reading them is what the policy is for.
resource "aws_iam_role_policy" "app" {
  role = "app"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue", "s3:GetObject"]
      Resource = ["arn:aws:secretsmanager:eu-west-2:123456789012:secret:app-*", "arn:aws:s3:::app-data/*"]
    }]
  })
}

# A condition scopes the read (here: only keys used through S3).
resource "aws_iam_role_policy" "decrypt_via_s3" {
  role = "app"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { StringEquals = { "kms:ViaService" = "s3.eu-west-2.amazonaws.com" } }
    }]
  })
}

# Reads that return metadata, not data, and an action AWS only allows on "*"
# (BatchGetSecretValue returns only the secrets GetSecretValue allows on each).
resource "aws_iam_policy" "metadata" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:ListAllMyBuckets", "s3:GetBucketLocation", "secretsmanager:DescribeSecret", "secretsmanager:BatchGetSecretValue", "ec2:Describe*"]
      Resource = "*"
    }]
  })
}

# Deny, and a resource policy (whose "*" is the resource it is attached to).
resource "aws_iam_policy" "deny" {
  policy = jsonencode({
    Statement = [{ Effect = "Deny", Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}

resource "aws_secretsmanager_secret_policy" "own" {
  secret_arn = "arn:aws:secretsmanager:eu-west-2:123456789012:secret:app"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/app" }
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}

# "*" and whole services are aws-iam-wildcard-action's findings.
resource "aws_iam_policy" "services" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["s3:*", "ssm:*"], Resource = "*" }]
  })
}

# Its authors' Checkov skip of "*" on restrictable actions covers this finding too.
data "aws_iam_policy_document" "skipped" {
  # checkov:skip=CKV_AWS_356: cannot restrict by KMS alias
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}
