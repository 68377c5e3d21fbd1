resource "aws_iam_policy" "read" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:ListAllMyBuckets", "ec2:Describe*"], Resource = "*" }]
  })
}

resource "aws_iam_policy" "scoped" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = "arn:aws:s3:::uploads/*" }]
  })
}

resource "aws_iam_policy" "conditioned" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = ["ec2:TerminateInstances"]
      Resource  = "*"
      Condition = { StringEquals = { "aws:ResourceTag/team" = "ops" } }
    }]
  })
}
