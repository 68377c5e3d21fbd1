variable "user_data" {
  type    = string
  default = null
}

variable "user_data_base64" {
  type    = string
  default = null
}

resource "aws_instance" "this" {
  ami              = "ami-123"
  instance_type    = "t3.micro"
  user_data        = var.user_data
  user_data_base64 = var.user_data_base64
}
