# Every remaining policy form: a heredoc here, a file() policy in policy.json.
resource "aws_iam_role" "heredoc" {
  name = "r"
  assume_role_policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "sts:AssumeRole",
          "Principal": {
            "AWS": "*"
          }
        }
      ]
    }
  EOT
}

resource "aws_iam_role" "from_file" {
  name = "r"
  assume_role_policy = file("${path.module}/policy.json")
}
