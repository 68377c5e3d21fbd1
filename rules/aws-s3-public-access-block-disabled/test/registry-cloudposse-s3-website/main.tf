# cloudposse/s3-website: since 0.18.0 the module writes a public access block with all
# four flags false (no input changes them); older versions write no block.
module "site" {
#^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
#^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
#^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
#^^^^^^^^^^^^^^ aws-s3-public-access-block-disabled high
  source   = "cloudposse/s3-website/aws"
  version  = "0.18.0"
  hostname = "www.example.com"
}

module "old" {
  source   = "cloudposse/s3-website/aws"
  version  = "0.17.3"
  hostname = "old.example.com"
}

module "off" {
  source   = "cloudposse/s3-website/aws"
  enabled  = false
  hostname = "off.example.com"
}
