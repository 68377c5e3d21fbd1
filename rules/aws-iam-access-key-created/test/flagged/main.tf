resource "aws_iam_access_key" "plain" { # expect: aws-iam-access-key-created
  user = "ci"
}

resource "aws_iam_access_key" "pgp" { # expect: aws-iam-access-key-created
  user    = "ci"
  pgp_key = "keybase:ci"
}

resource "aws_iam_access_key" "root" { # expect: aws-iam-access-key-created
  user = "root"
}
