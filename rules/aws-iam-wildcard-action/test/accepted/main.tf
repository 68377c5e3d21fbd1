resource "aws_iam_policy" "read_only" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:Get*", "s3:List*", "ec2:Describe*"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_policy" "deny_all" {
  policy = <<-EOT
    {
      "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]
    }
  EOT
}

resource "aws_iam_policy" "exact" {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["s3:PutObject"], Resource = "arn:aws:s3:::b/*" }]
  })
}
