variable "aws_access_key" {
  type    = string
  default = "AKIAIOSFODNN7EXAMPLE"
  #         ^^^^^^^^^^^^^^^^^^^^^^ aws-provider-static-credentials critical
}

variable "aws_secret_key" {
  type = string
}

locals {
  token = "FwoGZXIvYXdzEXAMPLETOKEN"
  #       ^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-provider-static-credentials critical
}

provider "aws" {
  region     = "eu-west-1"
  access_key = var.aws_access_key
  secret_key = var.aws_secret_key
  token      = local.token
}
