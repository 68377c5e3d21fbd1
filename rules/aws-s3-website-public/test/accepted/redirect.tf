# Websites that only redirect every request serve no object: nothing to report.
resource "aws_s3_bucket_website_configuration" "apex" {
  bucket = "example.com"
  redirect_all_requests_to {
    host_name = "www.example.com"
    protocol  = "https"
  }
}

resource "aws_s3_bucket" "legacy_redirect" {
  bucket = "old.example.com"
  website {
    redirect_all_requests_to = "https://www.example.com"
  }
}
