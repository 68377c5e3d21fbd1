# NotAction and NotResource in one statement: one finding, on the NotAction.
resource "aws_iam_policy" "both" {
  policy = jsonencode({
    Statement = [{
      Effect      = "Allow"
      NotAction   = ["iam:*", "organizations:*"]
      #              ^^^^^^^ aws-iam-allow-not-action high
      NotResource = "arn:aws:s3:::audit/*"
    }]
  })
}
