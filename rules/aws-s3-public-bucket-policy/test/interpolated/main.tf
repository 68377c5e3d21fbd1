# Heredoc policies that interpolate apply-time values are judged on what is known.
resource "aws_s3_bucket" "site" {
  bucket = "site"
}

resource "aws_s3_bucket_policy" "public" {
  bucket = aws_s3_bucket.site.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "${aws_s3_bucket.site.arn}/*"
    }
  ]
}
EOF
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${var.elb_account}:root" },
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::logs/*"
    }
  ]
}
EOF
}
