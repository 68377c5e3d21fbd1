resource "aws_s3_bucket_policy" "tls" {
  bucket = "b"
  policy = jsonencode({
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "vpce" {
  bucket = "c"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::c/*"
      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0123456789abcdef0" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "named" {
  bucket = "d"
  policy = <<-EOT
    {
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::123456789012:role/reader"},
        "Action": "s3:GetObject",
        "Resource": "arn:aws:s3:::d/*"
      }]
    }
  EOT
}
