resource "aws_s3_bucket" "legacy" {
  bucket = "legacy"
  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    #             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-grant high
    permissions = ["READ"]
  }
}

resource "aws_s3_bucket_acl" "acp" {
  bucket = "data"
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
        #      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-s3-public-grant critical
      }
      permission = "WRITE_ACP"
    }
    owner {
      id = "owner"
    }
  }
}
