resource "aws_iam_role_policy_attachment" "ro" {
  role       = "ci"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user_policy_attachment" "custom" {
  user       = "u"
  policy_arn = "arn:aws:iam::123456789012:policy/AdministratorAccess-lookalike"
}
