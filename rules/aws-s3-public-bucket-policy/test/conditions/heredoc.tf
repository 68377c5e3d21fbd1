# Conditions as AWS evaluates them, written as heredoc JSON (marks in heredoc.tf.expect).

# Flagged: aws:SecureTransport is satisfied by any caller using TLS.
resource "aws_s3_bucket_policy" "tls_only" {
  bucket = "h1"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::h1/*",
        "Condition": {"Bool": {"aws:SecureTransport": "true"}}
      }]
    }
  EOT
}

# Flagged: IfExists on aws:SourceVpce is true for every call not made through an endpoint.
resource "aws_s3_bucket_policy" "vpce_if_exists" {
  bucket = "h2"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::h2/*",
        "Condition": {"StringEqualsIfExists": {"aws:SourceVpce": "vpce-0123456789abcdef0"}}
      }]
    }
  EOT
}

# Flagged: one wildcard value among fixed ones lets every endpoint in.
resource "aws_s3_bucket_policy" "vpce_pattern" {
  bucket = "h3"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::h3/*",
        "Condition": {"StringLike": {"aws:SourceVpce": ["vpce-0123456789abcdef0", "vpce-*"]}}
      }]
    }
  EOT
}

# Flagged: ::/0 is every IPv6 address.
resource "aws_s3_bucket_policy" "any_ipv6" {
  bucket = "h4"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::h4/*",
        "Condition": {"IpAddress": {"aws:SourceIp": ["::/0"]}}
      }]
    }
  EOT
}

# Accepted: calls through endpoints owned by one account.
resource "aws_s3_bucket_policy" "vpce_account" {
  bucket = "h5"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::h5/*",
        "Condition": {"StringEquals": {"aws:VpceAccount": "123456789012"}}
      }]
    }
  EOT
}

# Accepted: one VPC, by ARN.
resource "aws_s3_bucket_policy" "vpc_arn" {
  bucket = "h6"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::h6/*",
        "Condition": {"ArnEquals": {"aws:SourceVpcArn": "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0123456789abcdef0"}}
      }]
    }
  EOT
}
