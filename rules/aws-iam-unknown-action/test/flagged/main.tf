resource "aws_iam_policy" "typos" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "s3:GetObjct",
#        ^^^^^^^^^^^ aws-iam-unknown-action medium
        "s3:ListBucket",
        "s4:PutObject",
#        ^^^^^^^^^^^^ aws-iam-unknown-action medium
        "ec2:Descrbe*",
#        ^^^^^^^^^^^^ aws-iam-unknown-action low
        "servicequota:Get*",
#        ^^^^^^^^^^^^^^^^^ aws-iam-unknown-action medium
      ]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "deny" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Action    = "iam:DeleteRolePolicyy"
#                  ^^^^^^^^^^^^^^^^^^^^^ aws-iam-unknown-action medium
      Resource  = "*"
    }, {
      Effect    = "Allow"
      NotAction = ["vpc:DescribeSubnets"]
#                   ^^^^^^^^^^^^^^^^^^^ aws-iam-unknown-action medium
      Resource  = "*"
    }]
  })
}

# An action the catalogue does not list and that is close to no known name: a notice
# (the catalogue may lag AWS), still reported.
resource "aws_iam_policy" "maybe_newer" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sns:Receive", Resource = "*" }]
#                                              ^^^^^^^^^^^ aws-iam-unknown-action low
  })
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["kms:Decypt", "kms:Encrypt"]
#                 ^^^^^^^^^^ aws-iam-unknown-action medium
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
    Statement = [{ Effect = "Allow", Action = ["states:Describe"], Resource = "*" }]
#                                               ^^^^^^^^^^^^^^^ aws-iam-unknown-action medium
  })
}
