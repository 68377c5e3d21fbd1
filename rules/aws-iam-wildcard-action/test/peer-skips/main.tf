# Checkov reports ssm:* on "*" as write access without constraints (CKV_AWS_111): a team
# that skipped it on the document reviewed this grant.
data "aws_iam_policy_document" "reviewed" {
  #checkov:skip=CKV_AWS_111: the automation runs every SSM document
  statement {
    actions   = ["ssm:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "reviewed" {
  policy = data.aws_iam_policy_document.reviewed.json
}

# The same skip does not cover administrator access, which Checkov reports under other ids.
data "aws_iam_policy_document" "admin" {
  #checkov:skip=CKV_AWS_111: reviewed for ssm only
  statement {
    actions   = ["*"]
    #            ^^^ aws-iam-wildcard-action critical
    resources = ["*"]
  }
}

resource "aws_iam_policy" "admin" {
  policy = data.aws_iam_policy_document.admin.json
}

# Nor a service wildcard on a named resource, which Checkov's unconstrained-resource checks
# do not report.
data "aws_iam_policy_document" "named" {
  #checkov:skip=CKV_AWS_111: not this one
  statement {
    actions   = ["sqs:*"]
    #            ^^^^^^^ aws-iam-wildcard-action medium
    resources = ["arn:aws:sqs:eu-west-2:123456789012:jobs"]
  }
}

resource "aws_iam_policy" "named" {
  policy = data.aws_iam_policy_document.named.json
}
