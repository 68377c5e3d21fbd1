# cloudposse/s3-website: the bucket always has a website block (index_document
# "index.html" by default); no input turns it off.
module "site" {
#^^^^^^^^^^^^^^ aws-s3-website-public low
  source   = "cloudposse/s3-website/aws"
  version  = "0.18.0"
  hostname = "www.example.com"
}

# Every request redirected: no object is served.
module "redirect" {
  source                   = "cloudposse/s3-website/aws"
  hostname                 = "example.com"
  redirect_all_requests_to = "https://www.example.com"
}

module "off" {
  source   = "cloudposse/s3-website/aws"
  enabled  = false
  hostname = "old.example.com"
}
