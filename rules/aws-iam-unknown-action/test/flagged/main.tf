resource "aws_iam_policy" "typos" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "s3:GetObjct", # expect: aws-iam-unknown-action
        "s3:ListBucket",
        "s4:PutObject", # expect: aws-iam-unknown-action
        "ec2:Descrbe*", # expect: aws-iam-unknown-action
        "servicequota:Get*", # expect: aws-iam-unknown-action
      ]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "deny" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Action    = "iam:DeleteRolePolicyy" # expect: aws-iam-unknown-action
      Resource  = "*"
    }, {
      Effect    = "Allow"
      NotAction = ["vpc:DescribeSubnets"] # expect: aws-iam-unknown-action
      Resource  = "*"
    }]
  })
}

# An action the catalogue does not list and that is close to no known name: a notice
# (the catalogue may lag AWS), still reported.
resource "aws_iam_policy" "maybe_newer" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sns:Receive", Resource = "*" }] # expect: aws-iam-unknown-action
  })
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["kms:Decypt", "kms:Encrypt"] # expect: aws-iam-unknown-action
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "doc" {
  role   = "r"
  policy = data.aws_iam_policy_document.doc.json
}

# The start of several actions, a `*` left out: suggested, not fixed (the pattern grants more).
resource "aws_iam_policy" "prefix" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["states:Describe"], Resource = "*" }] # expect: aws-iam-unknown-action
  })
}
