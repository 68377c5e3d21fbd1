resource "aws_instance" "web" {
  ami                  = "ami-123"
  instance_type        = "t3.micro"
  iam_instance_profile = "app"
  user_data            = <<-EOT
    #!/bin/bash
    aws s3 cp s3://bucket/app /opt/app
  EOT
}
