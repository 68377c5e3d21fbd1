# cloudposse/s3-bucket: `website_configuration` (3.0+) and `website_inputs` (before 3.0)
# turn on website hosting.
module "site" {
  source  = "cloudposse/s3-bucket/aws"
  version = "4.2.0"
  website_configuration = [{
  #                       ^^ aws-s3-website-public low to +5:4
    index_document = "index.html"
    error_document = "error.html"
    routing_rules  = []
  }]
}

module "legacy" {
  source         = "cloudposse/s3-bucket/aws"
  version        = "2.0.0"
  website_inputs = [{ index_document = "index.html", error_document = "error.html", redirect_all_requests_to = null, routing_rules = "" }]
  #                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-website-public low
}

# Redirect only, or none at all.
module "redirect" {
  source                           = "cloudposse/s3-bucket/aws"
  website_redirect_all_requests_to = [{ host_name = "example.com", protocol = "https" }]
}

module "plain" {
  source                = "cloudposse/s3-bucket/aws"
  website_configuration = []
}
