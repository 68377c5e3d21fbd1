# Base64 text is decoded wherever user data holds it, not only in launch templates
# (which the provider requires to be base64): any argument, any resource type.
resource "aws_instance" "literal" {
  ami       = "ami-12345678"
  user_data = "IyEvYmluL2Jhc2gKYXdzIGNvbmZpZ3VyZSBzZXQgYXdzX2FjY2Vzc19rZXlfaWQgIiRLRVlfSUQiCg=="
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

resource "aws_launch_configuration" "literal" {
  image_id  = "ami-12345678"
  user_data = "IyEvYmluL2Jhc2gKYXdzIGNvbmZpZ3VyZSBzZXQgYXdzX2FjY2Vzc19rZXlfaWQgIiRLRVlfSUQiCg=="
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

resource "aws_spot_instance_request" "harmless" {
  ami       = "ami-12345678"
  user_data = "aGVsbG8gd29ybGQsIG5vdGhpbmcgdG8gc2VlCg=="
}
