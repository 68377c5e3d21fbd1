provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"                     # expect: aws-provider-static-credentials
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" # expect: aws-provider-static-credentials
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
  token  = "FwoGZXIvYXdzEXAMPLETOKEN" # expect: aws-provider-static-credentials
}

terraform {
  backend "s3" {
    bucket     = "state"
    key        = "prod.tfstate"
    region     = "eu-west-1"
    access_key = "AKIAI44QH8DHBEXAMPLE" # expect: aws-provider-static-credentials
  }
}
