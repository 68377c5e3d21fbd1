# Global and service keys in any case, keys with a tag or other placeholder, identity
# providers' keys (not in the catalogue's services: never checked), apply-time keys.
resource "aws_iam_role" "oidc" {
  name = "ci"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "saml:aud"                                = "https://signin.aws.amazon.com/saml"
        }
        StringLike = { "token.actions.githubusercontent.com:sub" = "repo:org/*" }
      }
    }]
  })
}

resource "aws_iam_policy" "known" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:PutObject"
      Resource = "*"
      Condition = {
        StringEquals = {
          "aws:ResourceTag/team"      = "a"
          "aws:PrincipalTag/project"  = "b"
          "s3:ExistingObjectTag/kind" = "c"
          "AWS:SourceAccount"         = "123456789012"
          "s3:x-amz-acl"              = "private"
          "${var.key}"                = "d"
        }
        Bool = { "aws:SecureTransport" = "true" }
      }
    }]
  })
}
