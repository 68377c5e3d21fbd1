module "worker" {
  source    = "terraform-aws-modules/ec2-instance/aws"
  name      = "worker"
  user_data = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=$(cat /etc/key)\n"
  #                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

module "clean" {
  source               = "terraform-aws-modules/ec2-instance/aws"
  name                 = "clean"
  iam_instance_profile = "clean"
  user_data            = "#!/bin/bash\nsystemctl start app\n"
}

module "pinned" {
  source           = "terraform-aws-modules/ec2-instance/aws"
  version          = "~> 5.0"
  name             = "pinned"
  user_data_base64 = "IyEvYmluL2Jhc2gKZWNobyAiYXdzX3NlY3JldF9hY2Nlc3Nfa2V5ID0gJFNFQ1JFVCIgPj4gfi8uYXdzL2NyZWRlbnRpYWxzCg=="
  #                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-credentials-in-user-data medium
}

module "pinned_clean" {
  source    = "terraform-aws-modules/ec2-instance/aws"
  version   = "~> 5.0"
  name      = "pinned-clean"
  user_data = "#!/bin/bash\nsystemctl start app\n"
}
