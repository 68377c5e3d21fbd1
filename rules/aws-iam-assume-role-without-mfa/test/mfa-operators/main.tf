# The MFA requirement is read by rules-support/mfa-condition.ts, as for every MFA rule:
# StringEquals "true" requires MFA like Bool; a test that also accepts "false" does not.
resource "aws_iam_role" "string_equals" {
  name = "string-equals"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Condition = { StringEquals = { "AWS:MultiFactorAuthPresent" = true } }
    }]
  })
}

resource "aws_iam_role" "either" {
  name = "either"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
#                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-assume-role-without-mfa high
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = ["true", "false"] } }
    }]
  })
}
