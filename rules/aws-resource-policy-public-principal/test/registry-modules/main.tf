module "jobs" {
  source              = "terraform-aws-modules/sqs/aws"
  version             = "~> 4.0"
  name                = "jobs"
  create_queue_policy = true
  queue_policy_statements = {
    anyone = {
      actions = ["sqs:SendMessage"]
      principals = [{
        type        = "AWS"
        identifiers = ["*"]
        #              ^^^ aws-resource-policy-public-principal critical
      }]
    }
  }
}

module "events" {
  source = "terraform-aws-modules/sns/aws"
  name   = "events"
  topic_policy_statements = {
    publish = {
      actions = ["sns:Publish"]
      principals = [{
        type        = "Service"
        identifiers = ["events.amazonaws.com"]
      }]
    }
    org = {
      actions = ["sns:Subscribe"]
      principals = [{
        type        = "AWS"
        identifiers = ["*"]
      }]
      conditions = [{
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = ["o-abc123def4"]
      }]
    }
  }
}

module "key" {
  source = "terraform-aws-modules/kms/aws"
  key_statements = [{
    sid       = "Public"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals = [{
      type        = "AWS"
      identifiers = ["*"]
      #              ^^^ aws-resource-policy-public-principal critical
    }]
  }]
}

# Without create_queue_policy the module writes no policy.
module "quiet" {
  source = "terraform-aws-modules/sqs/aws"
  name   = "quiet"
  queue_policy_statements = {
    anyone = {
      actions    = ["sqs:SendMessage"]
      principals = [{ type = "AWS", identifiers = ["*"] }]
    }
  }
}

# The kms module writes one statement per principal-list input; "*" there is public.
module "shared_key" {
  source     = "terraform-aws-modules/kms/aws"
  version    = "~> 3.0"
  key_owners = ["arn:aws:iam::123456789012:role/owner"]
  key_users  = ["*"]
  #             ^^^ aws-resource-policy-public-principal critical
}

module "admin_key" {
  source             = "terraform-aws-modules/kms/aws"
  key_administrators = ["*"]
  #                     ^^^ aws-resource-policy-public-principal critical
}

# A whole policy passed as `policy` replaces the generated one.
module "custom_key" {
  source    = "terraform-aws-modules/kms/aws"
  key_users = ["*"]
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" }]
  })
}

module "alerts" {
  source  = "terraform-aws-modules/sns/aws"
  version = "~> 6.0"
  name    = "alerts"
  topic_policy_statements = {
    anyone = {
      actions = ["sns:Publish"]
      principals = [{
        type        = "AWS"
        identifiers = ["*"]
        #              ^^^ aws-resource-policy-public-principal critical
      }]
    }
  }
}

module "accounts" {
  source              = "terraform-aws-modules/sqs/aws"
  name                = "accounts"
  create_queue_policy = true
  queue_policy_statements = {
    partner = {
      actions = ["sqs:SendMessage"]
      principals = [{
        type        = "AWS"
        identifiers = ["arn:aws:iam::210987654321:root"]
      }]
    }
  }
}
