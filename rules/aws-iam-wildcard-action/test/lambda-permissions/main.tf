# A Lambda permission's wildcard action for named principals (public ones are reported by
# aws-resource-policy-public-principal, naming the action: one finding per permission).

resource "aws_lambda_permission" "account_everything" {
  statement_id  = "account"
  action        = "lambda:*"
  #               ^^^^^^^^^^ aws-iam-wildcard-action medium
  function_name = "f"
  principal     = "123456789012"
}

resource "aws_lambda_permission" "service_star" {
  statement_id  = "events"
  action        = "*"
  #               ^^^ aws-iam-wildcard-action high
  function_name = "f"
  principal     = "events.amazonaws.com"
  source_arn    = "arn:aws:events:eu-west-1:123456789012:rule/r"
}

# "*" narrowed by the organization is not public: its wildcard action is judged here.
resource "aws_lambda_permission" "org_everything" {
  statement_id     = "org"
  action           = "lambda:*"
  #                  ^^^^^^^^^^ aws-iam-wildcard-action medium
  function_name    = "f"
  principal        = "*"
  principal_org_id = "o-abc123"
}

# Left alone: public, reported by aws-resource-policy-public-principal.
resource "aws_lambda_permission" "anyone_everything" {
  statement_id  = "anyone"
  action        = "lambda:*"
  function_name = "f"
  principal     = "*"
}

# Left alone: one named action.
resource "aws_lambda_permission" "invoke" {
  statement_id  = "invoke"
  action        = "lambda:InvokeFunction"
  function_name = "f"
  principal     = "123456789012"
}

resource "aws_lambda_permission" "url" {
  statement_id           = "url"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = "f"
  principal              = "123456789012"
  function_url_auth_type = "AWS_IAM"
}
