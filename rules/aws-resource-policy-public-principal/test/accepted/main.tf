resource "aws_sqs_queue_policy" "q" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/q"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:q"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:123456789012:t" } }
    }]
  })
}

resource "aws_sns_topic_policy" "t" {
  arn = "arn:aws:sns:eu-west-1:123456789012:t"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:123456789012:t"
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
  })
}

resource "aws_lambda_permission" "s3" {
  statement_id  = "s3"
  action        = "lambda:InvokeFunction"
  function_name = "f"
  principal     = "s3.amazonaws.com"
  source_arn    = "arn:aws:s3:::b"
}

resource "aws_lambda_permission" "star_with_arn" {
  statement_id  = "star"
  action        = "lambda:InvokeFunction"
  function_name = "f"
  principal     = "*"
  source_arn    = "arn:aws:execute-api:eu-west-1:123456789012:abc/*"
}
