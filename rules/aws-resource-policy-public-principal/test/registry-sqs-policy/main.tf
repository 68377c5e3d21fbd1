# terraform-aws-modules/sqs before 4.0: `policy` is the queue's policy document.
module "jobs" {
  source  = "terraform-aws-modules/sqs/aws"
  version = "~> 2.0"
  name    = "jobs"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      #                   ^^^ aws-resource-policy-public-principal critical
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}

module "unpinned" {
  source = "terraform-aws-modules/sqs/aws"
  name   = "unpinned"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*", Resource = "*" }]
    #                                            ^^^ aws-resource-policy-public-principal critical
  })
}

module "partner" {
  source  = "terraform-aws-modules/sqs/aws"
  version = "2.1.0"
  name    = "partner"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::210987654321:root" }, Action = "sqs:SendMessage", Resource = "*" }]
  })
}

# create = false: no queue.
module "off" {
  source = "terraform-aws-modules/sqs/aws"
  create = false
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }] })
}

# 4.x: the dead-letter queue's policy from dlq_queue_policy_statements.
module "dlq" {
  source                  = "terraform-aws-modules/sqs/aws"
  version                 = "~> 4.0"
  name                    = "dlq"
  create_dlq              = true
  create_dlq_queue_policy = true
  dlq_queue_policy_statements = {
    anyone = {
      actions    = ["sqs:SendMessage"]
      principals = [{ type = "AWS", identifiers = ["*"] }]
      #                                            ^^^ aws-resource-policy-public-principal critical
    }
  }
}

module "dlq_off" {
  source     = "terraform-aws-modules/sqs/aws"
  name       = "dlq-off"
  create_dlq = true
  dlq_queue_policy_statements = {
    anyone = {
      actions    = ["sqs:SendMessage"]
      principals = [{ type = "AWS", identifiers = ["*"] }]
    }
  }
}
