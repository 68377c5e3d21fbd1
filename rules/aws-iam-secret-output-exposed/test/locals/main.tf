# Locals are followed to any depth (rules-support/ast.ts visitReferences), each once:
# a chain of five still reaches the secret; a cycle ends without a finding.
resource "aws_iam_access_key" "ci" {
  user = "ci"
}

locals {
  l1 = local.l2
  l2 = local.l3
  l3 = local.l4
  l4 = local.l5
  l5 = { id = aws_iam_access_key.ci.id, secret = aws_iam_access_key.ci.secret }

  ping = local.pong
  pong = [local.ping, aws_iam_access_key.ci.id]
}

output "deep" {
  value = local.l1
#         ^^^^^^^^ aws-iam-secret-output-exposed high
}

output "cycle" {
  value = local.ping
}
