# A local module gets the caller's arguments: the finding lands on the caller's text.
variable "secret" {
  type      = string
  sensitive = true
}

module "box" {
  source    = "./modules/box"
  user_data = "#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=${var.secret}\n"
  #                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

module "encoded" {
  source           = "./modules/box"
  user_data_base64 = base64encode("#!/bin/bash\naws configure set aws_access_key_id AKIA-from-vault\n")
  #                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

module "clean" {
  source    = "./modules/box"
  user_data = "#!/bin/bash\nsystemctl start app\n"
}
