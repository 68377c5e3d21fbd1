variable "arns" {
  type = list(string)
}

variable "bucket" {
  type = string
}

variable "write" {
  type = bool
}

variable "readers" {
  type = list(string)
}

variable "more" {
  type = string
}

variable "document" {
  type = string
}

variable "policy" {
  type    = string
  default = ""
}

# Valid JSON in a heredoc.
resource "aws_iam_policy" "valid" {
  policy = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }]
}
JSON
}

# Parts known only at apply time, in value and in string positions: valid once rendered.
resource "aws_iam_role_policy" "holes" {
  role   = "app"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "s3:GetObject", "Resource": ${jsonencode(var.arns)} },
        { "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::${var.bucket}/*" }
      ]
    }
  EOT
}

# Template directives over values not known statically: what they render cannot be judged.
resource "aws_iam_policy" "if_directive" {
  policy = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }%{ if var.write },
    { "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::reports/*" }%{ endif }
  ]
}
JSON
}

resource "aws_iam_policy" "for_directive" {
  policy = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
%{ for r in var.readers }
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${r}/*" },
%{ endfor }
    { "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*" }
  ]
}
JSON
}

# A part not known statically where properties go: it may render as several of them.
resource "aws_iam_policy" "property_hole" {
  policy = <<JSON
{ "Version": "2012-10-17", ${var.more} }
JSON
}

# jsonencode: Terraform writes the JSON.
resource "aws_iam_policy" "encoded" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*" }]
  })
}

# A policy document data source: Terraform writes the JSON.
data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "document" {
  policy = data.aws_iam_policy_document.doc.json
}

# Text not known statically, alone in a heredoc, and a variable whose default is empty.
resource "aws_iam_policy" "unknown_heredoc" {
  policy = <<JSON
${var.document}
JSON
}

resource "aws_iam_policy" "from_variable" {
  policy = var.policy
}

# An empty text (a variable's default, a policy switched off) is no document at all.
resource "aws_iam_policy" "empty" {
  policy = ""
}
