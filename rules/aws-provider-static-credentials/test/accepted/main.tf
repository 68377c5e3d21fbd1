# Credentials come from the environment, a profile or a role: nothing to report.
variable "access_key" {
  type      = string
  sensitive = true
}

provider "aws" {
  region  = "eu-west-1"
  profile = "deploy"
}

provider "aws" {
  alias      = "ci"
  region     = "eu-west-1"
  access_key = var.access_key
  secret_key = ""
  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/deploy"
  }
}

# Not the AWS provider.
provider "google" {
  access_token = "ya29.not-aws"
}

terraform {
  backend "s3" {
    bucket = "state"
    key    = "prod.tfstate"
    region = "eu-west-1"
  }
}
