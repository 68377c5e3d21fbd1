resource "aws_s3_bucket_website_configuration" "site" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-website-public low
  bucket = "site"
  index_document {
    suffix = "index.html"
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "legacy"
  website {
  #^^^^^^^^ aws-s3-website-public low
    index_document = "index.html"
  }
}

variable "redirect_to" {
  type    = string
  default = null
}

# A redirect that may be null serves the index document when it is.
resource "aws_s3_bucket" "maybe_redirect" {
  bucket = "maybe-redirect"
  website {
  #^^^^^^^^ aws-s3-website-public low
    index_document           = "index.html"
    redirect_all_requests_to = var.redirect_to
  }
}

# Routing rules redirect some paths; the rest is still served.
resource "aws_s3_bucket_website_configuration" "partial" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-website-public low
  bucket = "partial"
  index_document {
    suffix = "index.html"
  }
  routing_rule {
    condition {
      key_prefix_equals = "old/"
    }
    redirect {
      host_name = "example.com"
    }
  }
}
