resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_SECRET_ACCESS_KEY=$(cat /tmp/key)
    #      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
  EOT
}

resource "aws_launch_template" "lt" {
  name      = "lt"
  user_data = base64encode("aws configure set aws_access_key_id x")
  #                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

resource "aws_instance" "b64" {
  ami              = "ami-123"
  instance_type    = "t3.micro"
  user_data_base64 = "IyEvYmluL2Jhc2gKZWNobyBrZXkgPiB+Ly5hd3MvY3JlZGVudGlhbHMK"
  #                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}
