module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "fn"
  environment_variables = {
    UPSTREAM_KEY = "AKIAI44QH8DHBEXAMPLE"
    #               ^^^^^^^^^^^^^^^^^^^^ aws-hardcoded-access-key critical
  }
}

module "pinned_fn" {
  source        = "terraform-aws-modules/lambda/aws"
  version       = "~> 7.0"
  function_name = "pinned"
  environment_variables = {
    AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    #                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-hardcoded-access-key critical
  }
}

# Names and references are not key material.
module "clean_fn" {
  source        = "terraform-aws-modules/lambda/aws"
  version       = "~> 7.0"
  function_name = "clean"
  environment_variables = {
    TABLE      = "orders"
    SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app"
  }
}
