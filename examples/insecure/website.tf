resource "aws_s3_bucket" "legacy_site" {
  bucket = "perimeter-example-legacy-site"
  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    permissions = ["READ"]
  }
}

resource "aws_s3_bucket_public_access_block" "legacy_site" {
  bucket                  = aws_s3_bucket.legacy_site.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_website_configuration" "legacy_site" {
  bucket = aws_s3_bucket.legacy_site.id
  index_document {
    suffix = "index.html"
  }
}
