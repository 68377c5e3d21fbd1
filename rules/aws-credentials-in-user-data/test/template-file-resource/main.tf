# The template provider's template_file (resource or data source) rendered into user data.
variable "aws_access_key_id" {
  type = string
}

variable "aws_secret_access_key" {
  type      = string
  sensitive = true
}

resource "template_file" "pipeline" {
  template = file("${path.module}/assets/pipeline.yml")
  vars = {
    aws_access_key_id     = var.aws_access_key_id
    aws_secret_access_key = var.aws_secret_access_key
  }
}

resource "aws_instance" "bootstrap" {
  ami                  = "ami-123"
  instance_type        = "t3.micro"
  iam_instance_profile = "bootstrap"
  user_data            = <<EOF
pipeline: |
${template_file.pipeline.rendered}
EOF
}

data "template_file" "clean" {
  template = file("${path.module}/assets/clean.yml")
}

resource "aws_instance" "clean" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  user_data     = "#cloud-config\n${data.template_file.clean.rendered}"
}
