resource "aws_iam_policy" "heredoc" {
  policy = <<-EOT
    {
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:GetObject",
          "Resource": "*",
          "Condition": { "IpAddress": { "aws:SourceIpp": "10.0.0.0/8" } }
        }
      ]
    }
  EOT
}

resource "aws_iam_policy" "quoted" {
  policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgIDD\": \"o-1\"}}}]}"
#                                                                                                                                            ^^^^^^^^^^^^^^^^^^^ aws-iam-unknown-condition-key medium
}

resource "aws_iam_policy" "from_file" {
  policy = file("${path.module}/policy.json")
}
