# Conditions as AWS evaluates them, written with jsonencode.

variable "account_id" {
  type = string
}

# Flagged: any account can have a user named alice.
resource "aws_s3_bucket_policy" "username" {
  bucket = "j1"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-s3-public-bucket-policy high
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::j1/*"
      Condition = { StringEquals = { "aws:username" = "alice" } }
    }]
  })
}

# Flagged: a negated operator lets in every other account.
resource "aws_s3_bucket_policy" "negated" {
  bucket = "j2"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-s3-public-bucket-policy high
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::j2/*"
      Condition = { StringNotEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
  })
}

# Flagged: a wildcard account in a Like pattern matches every account.
resource "aws_s3_bucket_policy" "wildcard_arn" {
  bucket = "j3"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      #                   ^^^ aws-s3-public-bucket-policy high
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::j3/*"
      Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/reader" } }
    }]
  })
}

# Flagged: ForAllValues on a single-valued key is true when the request lacks the key.
resource "aws_s3_bucket_policy" "for_all_values" {
  bucket = "j4"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-s3-public-bucket-policy high
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::j4/*"
      Condition = { "ForAllValues:StringEquals" = { "aws:SourceVpce" = ["vpce-0123456789abcdef0"] } }
    }]
  })
}

# Flagged: "anonymous" is the aws:userid of every unauthenticated caller.
resource "aws_s3_bucket_policy" "anonymous" {
  bucket = "j5"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      #           ^^^ aws-s3-public-bucket-policy high
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::j5/*"
      Condition = { StringEquals = { "aws:userid" = "anonymous" } }
    }]
  })
}

# Accepted: an apply-time value of a narrowing key is still a fixed key.
resource "aws_s3_bucket_policy" "unknown_account" {
  bucket = "j6"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::j6/*"
      Condition = { StringEquals = { "aws:SourceAccount" = var.account_id } }
    }]
  })
}

# Accepted: aws:PrincipalAccount is in every request, so IfExists still requires it.
resource "aws_s3_bucket_policy" "principal_account_if_exists" {
  bucket = "j7"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::j7/*"
      Condition = { StringEqualsIfExists = { "aws:PrincipalAccount" = ["123456789012", "210987654321"] } }
    }]
  })
}

# Accepted: a fixed unique user id (S3 counts it as not public).
resource "aws_s3_bucket_policy" "userid" {
  bucket = "j8"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::j8/*"
      Condition = { StringEquals = { "aws:userid" = "AIDAEXAMPLEUSERID1234" } }
    }]
  })
}
