# A workload's user: an access key and no console password. MFA cannot apply to it, so the
# finding advises a role instead of an MFA condition.
resource "aws_iam_user" "broker" {
  name = "broker"
}

resource "aws_iam_access_key" "broker" {
  user = aws_iam_user.broker.name
}

resource "aws_iam_user_policy" "broker" {
  user = aws_iam_user.broker.name
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutBucketAcl"]
      #           ^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      Resource = "arn:aws:s3:::site"
    }]
  })
}

# A person: a console password as well. The advice is an MFA condition.
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" {
  user = aws_iam_user.alice.name
}

resource "aws_iam_access_key" "alice" {
  user = aws_iam_user.alice.name
}

resource "aws_iam_user_policy" "alice" {
  user = aws_iam_user.alice.name
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:AttachUserPolicy"]
      #           ^^^^^^^^^^^^^^^^^^^^^^ aws-iam-sensitive-actions-without-mfa medium
      Resource = "*"
    }]
  })
}
