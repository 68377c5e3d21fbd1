# Patterns that are not whole services, judged by what they match and where they apply.
resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [
      {
        # Write actions on every resource.
        Effect   = "Allow"
        Action   = ["ec2:Create*"]
        #           ^^^^^^^^^^^^^ aws-iam-wildcard-action medium
        Resource = "*"
      },
      {
        # Write actions on one key: the idiom of AWS's own examples.
        Effect   = "Allow"
        Action   = ["kms:GenerateDataKey*", "kms:ReEncrypt*"]
        Resource = "arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      },
      {
        # Permission changes on a named bucket can still escalate.
        Effect   = "Allow"
        Action   = ["s3:PutObject*"]
        #           ^^^^^^^^^^^^^^^ aws-iam-wildcard-action medium
        Resource = "arn:aws:s3:::app-bucket/*"
      },
      {
        # quicksight:Describe*Permissions only read permissions.
        Effect   = "Allow"
        Action   = ["quicksight:Describe*"]
        Resource = "*"
      },
    ]
  })
}
