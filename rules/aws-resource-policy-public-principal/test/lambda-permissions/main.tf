# One finding per public Lambda permission, on its principal, whatever its action.

resource "aws_lambda_permission" "anyone_everything" {
  statement_id  = "everything"
  action        = "lambda:*"
  function_name = "f"
  principal     = "*"
  #               ^^^ aws-resource-policy-public-principal critical
}

resource "aws_lambda_permission" "anyone_star" {
  statement_id  = "star"
  action        = "*"
  function_name = "f"
  principal     = "*"
  #               ^^^ aws-resource-policy-public-principal critical
}

variable "open" {
  type    = bool
  default = true
}

# Both branches are "*": still one finding.
resource "aws_lambda_permission" "either" {
  statement_id  = "either"
  action        = "lambda:InvokeFunction"
  function_name = "f"
  principal     = var.open ? "*" : "*"
  #                          ^^^ aws-resource-policy-public-principal critical
}

# An explicit null narrows nothing.
resource "aws_lambda_permission" "null_source" {
  statement_id  = "null"
  action        = "lambda:InvokeFunction"
  function_name = "f"
  principal     = "*"
  #               ^^^ aws-resource-policy-public-principal critical
  source_arn    = null
}

resource "aws_lambda_permission" "anyone_reads" {
  statement_id  = "reads"
  action        = "lambda:GetFunction"
  function_name = "f"
  principal     = "*"
  #               ^^^ aws-resource-policy-public-principal critical
}

# Left alone: a wildcard action for a named account is aws-iam-wildcard-action's finding.
resource "aws_lambda_permission" "account_everything" {
  statement_id  = "account"
  action        = "lambda:*"
  function_name = "f"
  principal     = "123456789012"
}

# Left alone: "*" narrowed to the organization.
resource "aws_lambda_permission" "org_everything" {
  statement_id     = "org"
  action           = "lambda:*"
  function_name    = "f"
  principal        = "*"
  principal_org_id = "o-abc123"
}

# Left alone: "*" narrowed to one account.
resource "aws_lambda_permission" "source_account" {
  statement_id   = "acct"
  action         = "lambda:InvokeFunction"
  function_name  = "f"
  principal      = "*"
  source_account = "123456789012"
}
