# A deliberately insecure workspace: `npm run scan:examples` reports what is wrong here.
# The keys below are AWS's documented example keys, not real credentials.

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = var.secret_key
}

variable "secret_key" {
  type = string
}
