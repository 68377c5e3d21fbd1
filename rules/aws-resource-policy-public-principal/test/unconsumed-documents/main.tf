# Policy documents no resource of this module uses: the consumer is not known here.

data "aws_iam_policy_document" "to_output" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
      #              ^^^ aws-resource-policy-public-principal high
    }
  }
}

output "queue_policy" {
  value = data.aws_iam_policy_document.to_output.json
}

data "aws_iam_policy_document" "to_remote_module" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
      #              ^^^ aws-resource-policy-public-principal high
    }
  }
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}

module "key" {
  source  = "example-org/key/aws"
  version = "1.0.0"
  policies = {
    main = data.aws_iam_policy_document.to_remote_module.json
  }
}

# Nothing uses it at all: still judged.
data "aws_iam_policy_document" "unused" {
  statement {
    actions   = ["sns:Publish"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
      #              ^^^ aws-resource-policy-public-principal high
    }
  }
}

# Left alone: narrowed by the organization.
data "aws_iam_policy_document" "org_only" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}

# Left alone: a Deny.
data "aws_iam_policy_document" "deny" {
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

output "policies" {
  value = [data.aws_iam_policy_document.org_only.json, data.aws_iam_policy_document.deny.json]
}

# Left alone by this rule: a local module is analysed as called, and judges the document
# where it is used: a bucket policy (aws-s3-public-bucket-policy) or an endpoint policy (a guard).
data "aws_iam_policy_document" "to_bucket" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
      #              ^^^ aws-s3-public-bucket-policy high
    }
  }
}

module "bucket" {
  source = "./bucket"
  policy = data.aws_iam_policy_document.to_bucket.json
}

data "aws_iam_policy_document" "to_endpoint" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

module "endpoint" {
  source = "./endpoint"
  policy = data.aws_iam_policy_document.to_endpoint.json
}
