# A policy read with file(): the finding lands in policy.json (see policy.json.expect).
resource "aws_iam_policy" "from_file" {
  policy = file("${path.module}/policy.json")
}

# The same file read by a second resource: one finding, naming both.
resource "aws_iam_role_policy" "from_file_too" {
  role   = "app"
  policy = file("${path.module}/policy.json")
}

# A template rendered with templatefile(): the finding lands in the template.
resource "aws_iam_policy" "from_template" {
  policy = templatefile("${path.module}/policy.json.tpl", { bucket = "reports" })
}

# A role's trust policy in quoted JSON, the brace of the principal left open.
resource "aws_iam_role" "trust" {
  name               = "app"
  assume_role_policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"lambda.amazonaws.com\"], \"Action\": \"sts:AssumeRole\"}]}"
#                                                                                                                                                  ^ aws-iam-policy-invalid-json medium
}
