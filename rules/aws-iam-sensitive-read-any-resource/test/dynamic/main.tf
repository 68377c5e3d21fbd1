# A dynamic statement block: one finding naming every iteration's reads, at the worst severity.
variable "services" {
  default = ["s3", "secretsmanager"]
}

data "aws_iam_policy_document" "reader" {
  dynamic "statement" {
    for_each = toset(var.services)
    content {
      actions   = ["${statement.value}:Get*"]
      resources = ["*"]
      #            ^^^ aws-iam-sensitive-read-any-resource high
    }
  }
}

resource "aws_iam_policy" "reader" {
  policy = data.aws_iam_policy_document.reader.json
}
