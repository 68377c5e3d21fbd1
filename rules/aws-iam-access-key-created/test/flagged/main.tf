resource "aws_iam_access_key" "plain" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-access-key-created high
  user = "ci"
}

resource "aws_iam_access_key" "pgp" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-access-key-created medium
  user    = "ci"
  pgp_key = "keybase:ci"
}

resource "aws_iam_access_key" "root" {
#^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-access-key-created critical
  user = "root"
}
