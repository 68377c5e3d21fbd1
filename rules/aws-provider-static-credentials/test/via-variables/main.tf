variable "aws_access_key" {
  type    = string
  default = "AKIAIOSFODNN7EXAMPLE" # expect: aws-provider-static-credentials
}

variable "aws_secret_key" {
  type = string
}

locals {
  token = "FwoGZXIvYXdzEXAMPLETOKEN" # expect: aws-provider-static-credentials
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
  secret_key = var.aws_secret_key
  token      = local.token
}
