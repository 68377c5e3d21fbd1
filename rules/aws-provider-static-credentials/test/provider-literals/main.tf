provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  #            ^^^^^^^^^^^^^^^^^^^^^^ aws-provider-static-credentials critical
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-provider-static-credentials critical
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
  token  = "FwoGZXIvYXdzEXAMPLETOKEN"
  #        ^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-provider-static-credentials critical
}

terraform {
  backend "s3" {
    bucket     = "state"
    key        = "prod.tfstate"
    region     = "eu-west-1"
    access_key = "AKIAI44QH8DHBEXAMPLE"
    #            ^^^^^^^^^^^^^^^^^^^^^^ aws-provider-static-credentials critical
  }
}
