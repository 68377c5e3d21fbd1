# One statement, three sensitive actions: one finding on the first, naming the others.
resource "aws_iam_user_policy" "ops" {
  user = "ops"
  policy = jsonencode({
    Statement = [{
      Effect = "Allow"
      Action = [
        "iam:AttachUserPolicy",
        #^^^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
        "s3:GetObject",
        "iam:PutUserPolicy",
        "sts:AssumeRole",
      ]
      Resource = "*"
    }]
  })
}

# Two statements: one finding each.
data "aws_iam_policy_document" "two" {
  statement {
    actions   = ["iam:CreateAccessKey", "iam:PutRolePolicy"]
    #                                   ^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
    resources = ["*"]
  }
  statement {
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }
  statement {
    actions   = ["sts:AssumeRole"]
    #            ^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
    resources = ["*"]
  }
}

resource "aws_iam_user_policy" "two" {
  user   = "ops"
  policy = data.aws_iam_policy_document.two.json
}
