resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      NotAction = "iam:*"
      #           ^^^^^^^ aws-iam-allow-not-action high
      Resource  = "*"
    }]
  })
}

data "aws_iam_policy_document" "d" {
  statement {
    actions       = ["s3:GetObject"]
    not_resources = ["arn:aws:s3:::secret/*"]
    #                ^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-allow-not-action medium
  }
}
