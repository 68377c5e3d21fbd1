resource "aws_s3_bucket" "uploads" {
  bucket = "uploads"
}

output "name" {
  value = aws_s3_bucket.uploads.id
}
