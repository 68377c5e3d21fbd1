variable "services" {
  type    = list(string)
  default = ["autoscaling", "lambda"]
}

resource "aws_iam_policy" "known" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      # Known actions in any case, patterns that match, every action, apigateway's verbs.
      Action   = ["s3:GetObject", "S3:getobject", "ec2:Describe*", "*", "iam:Get?olicy", "apigateway:GET", "s3:*", "*:Describe*"]
      Resource = "*"
    }]
  })
}

# Names known only at apply time, and names built by a generic template (the author did not
# write "lambda:List*" and cannot correct it; another caller's service may have such actions).
resource "aws_iam_policy" "built" {
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = concat(["${var.unknown_service}:GetObject"], [for s in var.services : "${s}:List*"])
      Resource = "*"
    }]
  })
}

data "aws_iam_policy_document" "template" {
  dynamic "statement" {
    for_each = toset(var.services)
    content {
      actions   = ["${statement.value}:Describe*", "${statement.value}:View*"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_policy" "template" {
  policy = data.aws_iam_policy_document.template.json
}
