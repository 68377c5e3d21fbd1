# Public ACLs that a public access block neutralises are still reported, at low severity
# (test/unit/policy-semantics.test.ts checks the severities and messages).

# The bucket is declared elsewhere: the block and the ACL name it literally.
resource "aws_s3_bucket_acl" "undeclared" {
  bucket = "declared-in-another-stack"
  acl    = "public-read"
  #        ^^^^^^^^^^^^^ aws-s3-public-acl low
}

resource "aws_s3_bucket_public_access_block" "undeclared" {
  bucket                  = "declared-in-another-stack"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# A block that a module call creates for the bucket.
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.logs.id
  acl    = "public-read"
  #        ^^^^^^^^^^^^^ aws-s3-public-acl low
}

module "logs_pab" {
  source = "./modules/pab"
  bucket = aws_s3_bucket.logs.id
}

# Not neutralised: the block names another bucket.
resource "aws_s3_bucket_acl" "open" {
  bucket = "open-bucket"
  acl    = "public-read-write"
  #        ^^^^^^^^^^^^^^^^^^^ aws-s3-public-acl critical
}

module "other_pab" {
  source = "./modules/pab"
  bucket = "not-the-open-bucket"
}
