resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "s3:GetObject"
      Resource  = "*"
      Condition = { StringEqual = { "aws:SourceAccount" = "123456789012" } }
    }]
  })
}
