# The same workspace written safely: `perimeter scan examples/secure` reports nothing.

provider "aws" {
  region  = "eu-west-1"
  profile = "deploy"
}
