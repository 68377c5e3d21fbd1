# Secret values and parameters on every resource: high.
resource "aws_iam_role_policy" "ci" {
  role = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "secretsmanager:GetSecretValue",
        "ssm:GetParameter*",
        "ec2:DescribeInstances",
      ]
      Resource = "*"
      #          ^^^ aws-iam-sensitive-read-any-resource high
    }]
  })
}

# Object data through a read pattern (s3:Get* expands to s3:GetObject): medium.
data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:Get*", "s3:List*"]
    resources = ["*"]
    #            ^^^ aws-iam-sensitive-read-any-resource medium
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    #            ^^^ aws-iam-sensitive-read-any-resource medium
  }
}

resource "aws_iam_policy" "reader" {
  policy = data.aws_iam_policy_document.reader.json
}

# Written in a variable's default: the finding is on the default, and names the variable.
variable "table_reader_policy" {
  default = {
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:Query", "dynamodb:Scan"]
      Resource = "*"
      #          ^^^ aws-iam-sensitive-read-any-resource medium
    }]
  }
}

resource "aws_iam_policy" "tables" {
  policy = jsonencode(var.table_reader_policy)
}
