provider "aws" {
  region     = "eu-west-1"
  profile    = "deploy"
}

variable "token" {
  default = "FwoGZXIvYXdzEXAMPLETOKEN"
}

provider "aws" {
  alias = "us"
  token = var.token
}
