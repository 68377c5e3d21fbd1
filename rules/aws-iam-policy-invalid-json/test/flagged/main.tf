# A "#" comment inside a heredoc policy: Terraform keeps it in the text, and JSON has no
# comments. One finding for the line, on the "#" (not one per word of the comment).
resource "aws_iam_policy" "comment" {
  policy = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject",  # read only, see ticket 42
    "Resource": "arn:aws:s3:::reports/*" }]
}
JSON
}

# A comma left out between two properties.
resource "aws_iam_role_policy" "missing_comma" {
  role   = "app"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "sqs:SendMessage"
          "Resource": "arn:aws:sqs:eu-west-1:111122223333:jobs"
        }
      ]
    }
  EOT
}

# The last brace left out: reported on the text's last character.
resource "aws_iam_policy" "unclosed" {
  policy = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:*:*:log-group:app:*" }]
JSON
}

# One closing bracket too many.
resource "aws_iam_group_policy" "extra_bracket" {
  group  = "ops"
  policy = <<JSON
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*"}]}]
JSON
}

# Quoted JSON with a value left unquoted.
resource "aws_iam_user_policy" "quoted" {
  user   = "ci"
  policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": Allow, \"Action\": \"s3:ListBucket\", \"Resource\": \"arn:aws:s3:::builds\"}]}"
#                                                                      ^^^^^ aws-iam-policy-invalid-json medium
}

# Parts known only at apply time elsewhere in the text do not hide a mistake they cannot
# change: the single quotes are wrong whatever var.arns is.
variable "arns" {
  type = list(string)
}

resource "aws_iam_policy" "with_holes" {
  policy = <<JSON
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": 'Allow', "Action": "s3:PutObject", "Resource": ${jsonencode(var.arns)} }]
}
JSON
}

# One text used by two resources: one finding (naming both), at the text.
locals {
  shared = <<JSON
{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow" "Action": "kms:Decrypt", "Resource": "arn:aws:kms:eu-west-1:111122223333:key/k" }] }
JSON
}

resource "aws_iam_policy" "shared_a" {
  policy = local.shared
}

resource "aws_iam_role_policy" "shared_b" {
  role   = "app"
  policy = local.shared
}

# Comments and trailing commas, which JSON does not have and AWS rejects: the comment, and
# each comma before a closing bracket (one finding per line).
resource "aws_iam_policy" "comment_and_commas" {
  policy = <<JSON
{
  // reports are read by the finance team
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", }],
  "Id": "reports" /* kept for the audit */
}
JSON
}

# An ARN where the document goes (the managed policy is attached with policy_arn), and JSON
# that is not an object.
resource "aws_iam_role_policy" "arn_as_policy" {
  role   = "app"
  policy = "arn:aws:iam::aws:policy/ReadOnlyAccess"
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ aws-iam-policy-invalid-json medium
}

resource "aws_iam_policy" "list" {
  policy = "[]"
#           ^^ aws-iam-policy-invalid-json medium
}
