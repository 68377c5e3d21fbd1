# cloudposse/s3-website: the bucket policy always allows s3:GetObject to `AWS = "*"`; no
# input removes that statement (`allow_ssl_requests_only` only adds a Deny for plain HTTP,
# `deployment_arns` and `replication_source_principal_arns` only add named principals).
module "site" {
#^^^^^^^^^^^^^^ aws-s3-public-bucket-policy high
  source   = "cloudposse/s3-website/aws"
  version  = "0.18.0"
  hostname = "www.example.com"
}

module "ssl" {
#^^^^^^^^^^^^^ aws-s3-public-bucket-policy high
  source                            = "cloudposse/s3-website/aws"
  hostname                          = "secure.example.com"
  allow_ssl_requests_only           = true
  replication_source_principal_arns = ["arn:aws:iam::123456789012:role/replication"]
}

module "off" {
  source   = "cloudposse/s3-website/aws"
  enabled  = false
  hostname = "old.example.com"
}
