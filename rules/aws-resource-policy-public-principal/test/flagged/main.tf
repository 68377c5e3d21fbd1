resource "aws_sqs_queue_policy" "q" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/q"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-resource-policy-public-principal critical
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:q"
    }]
  })
}

resource "aws_kms_key" "k" {
  policy = <<-EOT
    {
      "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"}]
    }
  EOT
}

resource "aws_lambda_permission" "any" {
  statement_id  = "any"
  action        = "lambda:InvokeFunction"
  function_name = "f"
  principal     = "*"
  #               ^^^ aws-resource-policy-public-principal critical
}
