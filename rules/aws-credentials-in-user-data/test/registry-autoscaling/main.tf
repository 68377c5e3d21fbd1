# The autoscaling module writes user_data into its launch template (base64, as AWS expects).
variable "ci_secret" {
  type      = string
  sensitive = true
}

module "workers" {
  source  = "terraform-aws-modules/autoscaling/aws"
  version = "~> 8.0"
  name    = "workers"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    mkdir -p /root/.aws
    printf '[default]\naws_secret_access_key=%s\n' '${var.ci_secret}' > /root/.aws/credentials
    #                  ^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
  EOT
  )
}

module "no_template" {
  source                 = "terraform-aws-modules/autoscaling/aws"
  name                   = "no-template"
  create_launch_template = false
  launch_template_id     = "lt-0123456789abcdef0"
  user_data              = base64encode("#!/bin/bash\nexport AWS_SECRET_ACCESS_KEY=${var.ci_secret}\n")
}

module "clean" {
  source    = "terraform-aws-modules/autoscaling/aws"
  name      = "clean"
  user_data = base64encode("#!/bin/bash\naws configure set region eu-west-2\n")
}
