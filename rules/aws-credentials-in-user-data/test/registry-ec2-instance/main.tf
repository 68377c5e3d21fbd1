module "worker" {
  source    = "terraform-aws-modules/ec2-instance/aws"
  name      = "worker"
  user_data = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=$(cat /etc/key)\n" # expect: aws-credentials-in-user-data
}

module "clean" {
  source               = "terraform-aws-modules/ec2-instance/aws"
  name                 = "clean"
  iam_instance_profile = "clean"
  user_data            = "#!/bin/bash\nsystemctl start app\n"
}
