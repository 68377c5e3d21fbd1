resource "aws_iam_access_key" "old" {
  user   = "ci"
  status = "Inactive"
}
