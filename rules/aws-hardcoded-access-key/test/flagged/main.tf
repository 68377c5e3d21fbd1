resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  environment {
    variables = {
      AWS_ACCESS_KEY_ID     = "AKIAIOSFODNN7EXAMPLE"
      #                        ^^^^^^^^^^^^^^^^^^^^ aws-hardcoded-access-key critical
      AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
      #                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-hardcoded-access-key critical
    }
  }
}

resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A
    aws s3 cp s3://bucket/app /opt/app
  EOT
  tags = {
    deploy_key = "AKIAI44QH8DHBEXAMPLE"
    #             ^^^^^^^^^^^^^^^^^^^^ aws-hardcoded-access-key critical
  }
}

# Already reported by aws-provider-static-credentials: not reported twice.
provider "aws" {
  access_key = "AKIAIOSFODNN7EXAMPLE"
}

# Every credential prefix IAM documents: STS service bearer token, context-specific credential.
resource "aws_ssm_parameter" "tokens" {
  name  = "/ci/tokens"
  type  = "SecureString"
  value = "ABIAQ3EGQL7BYEXAMPLE"
  #        ^^^^^^^^^^^^^^^^^^^^ aws-hardcoded-access-key critical
  tags = {
    context = "ACCAZ5TKXJ2WPEXAMPLE"
    #          ^^^^^^^^^^^^^^^^^^^^ aws-hardcoded-access-key critical
  }
}
