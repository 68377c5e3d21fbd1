# User data built by functions and references: each is rendered (or taken apart) before matching.
variable "secret_key" {
  type      = string
  sensitive = true
}

variable "key_id" {
  type = string
}

locals {
  boot = <<-EOT
    #!/bin/bash
    echo "aws_secret_access_key = ${var.secret_key}" >> /root/.aws/credentials
    #     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
  EOT
}

resource "aws_instance" "from_local" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = local.boot
}

resource "aws_instance" "templatefile" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = templatefile("${path.module}/boot.sh.tpl", { key_id = var.key_id, secret = var.secret_key })
}

resource "aws_launch_template" "join" {
  name = "join"
  user_data = base64encode(join("\n", [
    "#!/bin/bash",
    "export AWS_ACCESS_KEY_ID=${var.key_id}",
    #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
    "systemctl start app",
  ]))
}

resource "aws_launch_configuration" "format" {
  image_id         = "ami-123"
  instance_type    = "t3.micro"
  user_data_base64 = base64encode(format("#!/bin/bash\naws configure set default.aws_secret_access_key %s\n", var.secret_key))
  #                                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

resource "aws_launch_configuration" "plain" {
  image_id      = "ami-123"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nAWS_SESSION_TOKEN=${var.secret_key} /opt/app/run\n"
  #                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

resource "aws_launch_template" "gzip" {
  name      = "gzip"
  user_data = base64gzip("#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=${var.secret_key}\n")
  #                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

data "cloudinit_config" "boot" {
  part {
    content_type = "text/cloud-config"
    content      = <<-EOT
      write_files:
        - path: /home/ubuntu/.aws/credentials
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
          content: ${var.secret_key}
    EOT
  }
  part {
    content_type = "text/x-shellscript"
    content      = "#!/bin/bash\nsystemctl start app\n"
  }
}

resource "aws_launch_template" "cloudinit" {
  name      = "cloudinit"
  user_data = data.cloudinit_config.boot.rendered
}

resource "aws_spot_instance_request" "spot" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    <powershell>
    [Environment]::SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "${var.secret_key}", "Machine")
    #              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
    </powershell>
  EOT
}

resource "aws_instance" "base64_literal" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  # "#!/bin/bash\naws configure set aws_session_token $TOKEN\n", base64-encoded.
  user_data_base64 = "IyEvYmluL2Jhc2gKYXdzIGNvbmZpZ3VyZSBzZXQgYXdzX3Nlc3Npb25fdG9rZW4gJFRPS0VOCg=="
  #                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

resource "aws_launch_template" "filebase64" {
  name      = "filebase64"
  user_data = filebase64("${path.module}/bootstrap.sh")
}

resource "aws_launch_template" "filebase64_clean" {
  name      = "filebase64-clean"
  user_data = filebase64("${path.module}/clean.sh")
}
