# Conditions as AWS evaluates them, written with aws_iam_policy_document.

# Flagged: 0.0.0.0/0 is every IPv4 address.
data "aws_iam_policy_document" "any_ip" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::d1/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
      #              ^^^ aws-s3-public-bucket-policy high
    }
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["0.0.0.0/0"]
    }
  }
}

resource "aws_s3_bucket_policy" "any_ip" {
  bucket = "d1"
  policy = data.aws_iam_policy_document.any_ip.json
}

# Flagged: every account has principals of every type.
data "aws_iam_policy_document" "principal_type" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::d2/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
      #              ^^^ aws-s3-public-bucket-policy high
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalType"
      values   = ["AssumedRole"]
    }
  }
}

resource "aws_s3_bucket_policy" "principal_type" {
  bucket = "d2"
  policy = data.aws_iam_policy_document.principal_type.json
}

# Flagged: ArnLike with a wildcard account matches any account's topic.
data "aws_iam_policy_document" "any_account_arn" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::d3/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
      #              ^^^ aws-s3-public-bucket-policy critical
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:sns:eu-west-1:*:uploads"]
    }
  }
}

resource "aws_s3_bucket_policy" "any_account_arn" {
  bucket = "d3"
  policy = data.aws_iam_policy_document.any_account_arn.json
}

# Accepted: organization paths with ForAnyValue and no wildcard.
data "aws_iam_policy_document" "org_paths" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::d4/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "aws:PrincipalOrgPaths"
      values   = ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"]
    }
  }
}

resource "aws_s3_bucket_policy" "org_paths" {
  bucket = "d4"
  policy = data.aws_iam_policy_document.org_paths.json
}

# Accepted: a named network range.
data "aws_iam_policy_document" "office" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::d5/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["203.0.113.0/24", "2001:db8::/32"]
    }
  }
}

resource "aws_s3_bucket_policy" "office" {
  bucket = "d5"
  policy = data.aws_iam_policy_document.office.json
}
