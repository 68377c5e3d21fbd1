# Provisioners that put keys on a machine, in any resource type.
variable "deploy_key_id" {
  type = string
}

variable "deploy_secret" {
  type      = string
  sensitive = true
}

resource "aws_instance" "box" {
  ami           = "ami-123"
  instance_type = "t3.micro"

  provisioner "remote-exec" {
    inline = [
      "sudo apt-get install -y awscli",
      "aws configure set aws_access_key_id ${var.deploy_key_id}",
     # ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
      "aws configure set aws_secret_access_key ${var.deploy_secret}",
     # ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
      "aws configure set region eu-west-2",
    ]
  }
}

resource "null_resource" "copy_credentials" {
  provisioner "file" {
    source      = "files/deploy-credentials"
    destination = "/home/ubuntu/.aws/credentials"
    #             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
  }
}

resource "terraform_data" "config_with_keys" {
  provisioner "file" {
    content     = <<-EOT
      [default]
      region = eu-west-2
      aws_secret_access_key = ${var.deploy_secret}
      #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
    EOT
    destination = "~/.aws/config"
  }
}

resource "terraform_data" "env_file" {
  provisioner "file" {
    content     = "AWS_ACCESS_KEY_ID=${var.deploy_key_id}\n"
    #              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
    destination = "/etc/app/env"
  }
}

resource "null_resource" "runner" {
  provisioner "local-exec" {
    command = "echo '[ci]' > ~/.aws/credentials && echo 'aws_secret_access_key=${var.deploy_secret}' >> ~/.aws/credentials"
    #                      ^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
  }
}

resource "terraform_data" "persist" {
  provisioner "local-exec" {
    command = <<-EOT
      export AWS_SECRET_ACCESS_KEY="${var.deploy_secret}"
      aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY" --profile deploy
      #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
    EOT
  }
}

# local-exec: variables set for the command's own processes are not stored anywhere.
resource "terraform_data" "export_only" {
  provisioner "local-exec" {
    command = <<-EOT
      export AWS_SECRET_ACCESS_KEY="${var.deploy_secret}"
      AWS_ACCESS_KEY_ID=${var.deploy_key_id} ./deploy.sh
    EOT
  }
}
