# A dynamic statement block: one finding naming every iteration's reads, at the worst severity.
variable "services" {
  default = ["s3", "secretsmanager"]
}

data "aws_iam_policy_document" "reader" {
  dynamic "statement" {
    for_each = toset(var.services)
    content {
      actions   = ["${statement.value}:Get*"]
      resources = ["*"] # expect: aws-iam-sensitive-read-any-resource
    }
  }
}

resource "aws_iam_policy" "reader" {
  policy = data.aws_iam_policy_document.reader.json
}
