# Policies whose text holds values known only at apply time, and documents reached through
# splats and collection functions: read anyway, judged on what is known.

resource "aws_iam_policy" "heredoc" {
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "sqs:*",
          "Resource": "${aws_sqs_queue.q.arn}"
        },
        {
          "Effect": "Allow",
          "Action": ["s3:GetObject"],
          "Resource": ${jsonencode(var.bucket_arns)}
        },
        {
          "Effect": "Allow",
          "Action": "${var.action}",
          "Resource": "*"
        }
      ]
    }
  EOT
}

resource "aws_iam_role_policy" "quoted" {
  role   = "app"
  policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"arn:aws:ec2:${var.region}:*:instance/*\"}]}"
  #                                                          ^^^^^^^^^ aws-iam-wildcard-action medium
}

resource "aws_iam_policy" "rendered" {
  policy = templatefile("${path.module}/policy.json.tpl", { bucket = var.bucket, arns = var.arns })
}

data "template_file" "legacy" {
  template = file("${path.module}/legacy.json")
  vars = {
    table = aws_dynamodb_table.t.arn
  }
}

resource "aws_iam_policy" "legacy" {
  policy = data.template_file.legacy.rendered
}

data "aws_iam_policy_document" "counted" {
  count = var.enabled ? 1 : 0
  statement {
    actions   = ["kinesis:*"]
    #            ^^^^^^^^^^^ aws-iam-wildcard-action high
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "readonly" {
  count = var.enabled ? 1 : 0
  statement {
    actions   = ["s3:Get*", "s3:List*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "joined" {
  policy = join("", data.aws_iam_policy_document.counted.*.json)
}

resource "aws_iam_policy" "one" {
  policy = one(data.aws_iam_policy_document.readonly[*].json)
}

resource "aws_iam_policy" "element" {
  policy = element(concat(data.aws_iam_policy_document.readonly.*.json, [""]), 0)
}

resource "aws_iam_policy" "coalesced" {
  policy = coalesce(var.override_policy, join("", data.aws_iam_policy_document.readonly.*.json))
}
