resource "aws_iam_policy" "heredoc" {
  policy = <<-EOT
    {
      "Statement": [
        {
          "Effect": "Deny",
          "Action": "*",
          "Resource": "*",
          "Condition": { "BoolIfExists": { "aws:MultiFactorAuthAge": "false" } }
        }
      ]
    }
  EOT
}

resource "aws_iam_policy" "quoted" {
  policy = "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"ForAnyValue:StringLik\": {\"aws:TagKeys\": \"a*\"}}}]}"
#                                                                                                                         ^^^^^^^^^^^^^^^^^^^^^ aws-iam-condition-operator-mismatch medium
}

resource "aws_iam_policy" "from_file" {
  policy = file("${path.module}/policy.json")
}
