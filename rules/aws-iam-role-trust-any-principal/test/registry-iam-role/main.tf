module "open" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 6.0"
  name    = "open"
  trust_policy_permissions = {
    anyone = {
      actions = ["sts:AssumeRole"]
      principals = [{
        type        = "AWS"
        identifiers = ["*"]
        #              ^^^ aws-iam-role-trust-any-principal critical
      }]
    }
  }
}

module "service" {
  source = "terraform-aws-modules/iam/aws//modules/iam-role"
  name   = "svc"
  trust_policy_permissions = {
    ec2 = {
      actions    = ["sts:AssumeRole"]
      principals = [{ type = "Service", identifiers = ["ec2.amazonaws.com"] }]
    }
  }
}
