module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "fn"
  environment_variables = {
    UPSTREAM_KEY = "AKIAI44QH8DHBEXAMPLE" # expect: aws-hardcoded-access-key
  }
}
