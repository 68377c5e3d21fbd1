provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  profile    = "deploy"
}

variable "token" {
  default = "FwoGZXIvYXdzEXAMPLETOKEN"
}

provider "aws" {
  alias = "us"
  token = var.token
}
