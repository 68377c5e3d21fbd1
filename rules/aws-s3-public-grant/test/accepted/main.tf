resource "aws_s3_bucket" "b" {
  bucket = "b"
  grant {
    id          = "abc123"
    type        = "CanonicalUser"
    permissions = ["FULL_CONTROL"]
  }
  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/s3/LogDelivery"
    permissions = ["WRITE"]
  }
}
