# Each finding covers the setting from the name it sets through the value it gives, or the
# write through the file's name: never the indentation before it, never the text after it.

variable "key_id" {
  type = string
}

variable "secret" {
  type = string
}

resource "aws_instance" "ini_unstripped_heredoc" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<EOT
#!/bin/bash
cat <<'INI' | sudo -u app tee -a /opt/app/aws.ini
[default]
    aws_access_key_id = ${var.key_id}
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
INI
EOT
}

resource "aws_instance" "cloud_init_path_second" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #cloud-config
    write_files:
      - content: ${var.secret}
        path: /root/.aws/credentials
        #^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
  EOT
}

resource "aws_instance" "setx" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    <powershell>
    setx AWS_SECRET_ACCESS_KEY ${var.secret} /M
    #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
    </powershell>
  EOT
}

resource "aws_instance" "ps_module" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    <powershell>
    Set-AWSCredential -AccessKey ${var.key_id} -SecretKey ${var.secret} -StoreAs default
    #^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
    </powershell>
  EOT
}

resource "aws_instance" "inside_quotes" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    echo "export AWS_ACCESS_KEY_ID=${var.key_id}" >> "/etc/profile.d/app.sh"
    #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
  EOT
}

resource "aws_instance" "quoted_value" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_SECRET_ACCESS_KEY="$(vault kv get -field=secret ci/aws)" && /opt/app/run
    #      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
  EOT
}
