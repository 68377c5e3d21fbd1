resource "aws_s3_bucket_website_configuration" "site" { # expect: aws-s3-website-public
  bucket = "site"
  index_document {
    suffix = "index.html"
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "legacy"
  website { # expect: aws-s3-website-public
    index_document = "index.html"
  }
}
