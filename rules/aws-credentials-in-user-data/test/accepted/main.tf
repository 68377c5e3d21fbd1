resource "aws_instance" "web" {
  ami                  = "ami-123"
  instance_type        = "t3.micro"
  iam_instance_profile = "app"
  user_data            = <<-EOT
    #!/bin/bash
    aws s3 cp s3://bucket/app /opt/app
  EOT
}

# Reading the credentials or config file, naming the variables without a value, asking
# the instance's own role (IMDS, STS) and writing a config without keys are not flagged.
resource "aws_launch_template" "reads" {
  name = "reads"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    cat ~/.aws/credentials | grep -c profile
    grep region /root/.aws/config
    export AWS_SHARED_CREDENTIALS_FILE=/root/.aws/credentials
    export AWS_CONFIG_FILE=$HOME/.aws/config
    echo "key id is $AWS_ACCESS_KEY_ID"
    test -n "$${AWS_SECRET_ACCESS_KEY:-}" || echo "no static key"
    unset AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
    export AWS_ACCESS_KEY_ID=""
    export AWS_SESSION_TOKEN=$(aws sts get-session-token --query Credentials.SessionToken --output text)
    export AWS_ACCESS_KEY_ID=$(curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/app | jq -r .AccessKeyId)
    aws configure set region eu-west-2
    aws configure get aws_access_key_id
    printf '[default]\nregion = eu-west-2\n' > /root/.aws/config
    docker run -e AWS_REGION=eu-west-2 -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY app
    CREDS=$(aws sts assume-role --role-arn "$ROLE" --role-session-name boot)
    export AWS_ACCESS_KEY_ID=$(echo "$CREDS" | jq -r .Credentials.AccessKeyId)
    export AWS_SECRET_ACCESS_KEY=$(jq -r .Credentials.SecretAccessKey <<< "$CREDS")
    sed "s/AWS_SECRET_ACCESS_KEY=.*/AWS_SECRET_ACCESS_KEY=<REDACTED>/g" /var/log/app.log
  EOT
  )
}

resource "aws_launch_configuration" "clean" {
  image_id         = "ami-123"
  instance_type    = "t3.micro"
  user_data_base64 = base64encode("#!/bin/bash\nsystemctl start app\n")
}

resource "null_resource" "init" {
  provisioner "local-exec" {
    command = "terraform init -input=false && terraform plan"
  }
  provisioner "local-exec" {
    command     = "aws s3 sync ./site s3://bucket"
    environment = { AWS_PROFILE = "deploy" }
  }
}

resource "terraform_data" "config_role_only" {
  provisioner "file" {
    content     = "[profile app]\nrole_arn = arn:aws:iam::123456789012:role/app\ncredential_source = Ec2InstanceMetadata\n"
    destination = "/home/ubuntu/.aws/config"
  }
  provisioner "file" {
    source      = "app.conf"
    destination = "/etc/app/app.conf"
  }
  provisioner "remote-exec" {
    inline = [
      "cat ~/.aws/credentials",
      "aws sts get-caller-identity",
      "cp ~/.aws/credentials /tmp/backup",
    ]
  }
}
