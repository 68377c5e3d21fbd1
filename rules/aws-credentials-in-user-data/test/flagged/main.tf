resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_SECRET_ACCESS_KEY=$(cat /tmp/key) # expect: aws-credentials-in-user-data
  EOT
}

resource "aws_launch_template" "lt" {
  name      = "lt"
  user_data = base64encode("aws configure set aws_access_key_id x") # expect: aws-credentials-in-user-data
}

resource "aws_instance" "b64" {
  ami              = "ami-123"
  instance_type    = "t3.micro"
  user_data_base64 = "IyEvYmluL2Jhc2gKZWNobyBrZXkgPiB+Ly5hd3MvY3JlZGVudGlhbHMK" # expect: aws-credentials-in-user-data
}
