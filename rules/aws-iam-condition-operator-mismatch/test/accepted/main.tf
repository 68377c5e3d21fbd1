# Operators that fit their keys; string operators on any key; Null on any key; unknown keys
# (another rule's concern); identity providers' keys; operators known only at apply time.
resource "aws_iam_policy" "fits" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "*"
      Condition = {
        Bool                         = { "aws:SecureTransport" = "true", "aws:MultiFactorAuthPresent" = "true" }
        BoolIfExists                 = { "aws:ViaAWSService" = "false" }
        NumericLessThan              = { "aws:MultiFactorAuthAge" = "3600", "s3:max-keys" = "10" }
        DateGreaterThan              = { "aws:CurrentTime" = "2020-01-01T00:00:00Z" }
        IpAddress                    = { "aws:SourceIp" = "10.0.0.0/8" }
        NotIpAddress                 = { "aws:VpcSourceIp" = "10.0.0.0/8" }
        ArnLike                      = { "aws:SourceArn" = "arn:aws:sns:*:*:t", "aws:PrincipalArn" = "arn:aws:iam::*:role/x" }
        StringEquals                 = { "aws:SecureTransport" = "true", "aws:SourceVpc" = "vpc-1" }
        "ForAnyValue:StringLike"     = { "aws:TagKeys" = "a*" }
        "ForAllValues:StringEquals"  = { "aws:CalledVia" = "cloudformation.amazonaws.com" }
        Null                         = { "aws:MultiFactorAuthAge" = "true" }
        StringLike                   = { "token.actions.githubusercontent.com:sub" = "repo:o/*" }
        Bool                         = { "aws:NoSuchKeyy" = "true" }
      }
    }]
  })
}
