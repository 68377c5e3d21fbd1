import * as fc from 'fast-check';

/**
 * Hostile nesting, one top-level block at a time: each kind builds a block nested `depth`
 * deep in one way Terraform text nests (blocks, jsonencode objects and lists, heredoc and
 * quoted JSON, heredocs inside heredocs, `%{ if }` / `%{ for }` directives, `${}`
 * interpolations), in an attribute a rule reads (policies, user data), so the deep value
 * goes through parsing, evaluation, the policy reader and the rules.
 */
export const NESTING_KINDS = {
  blocks: (d: number) => `resource "aws_s3_bucket" "deep" {\n${'dynamic "b" {\n'.repeat(d)}${'}\n'.repeat(d)}}\n`,
  'jsonencode objects': (d: number) => `resource "aws_iam_policy" "deep" {\n  policy = jsonencode(${'{ a = '.repeat(d)}"*"${' }'.repeat(d)})\n}\n`,
  'jsonencode lists in a statement': (d: number) =>
    `resource "aws_iam_policy" "deep" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ${'['.repeat(d)}"*"${']'.repeat(d)}, Resource = "*" }] })\n}\n`,
  'heredoc JSON objects': (d: number) => `resource "aws_iam_policy" "deep" {\n  policy = <<EOF\n${'{"a":'.repeat(d)}"*"${'}'.repeat(d)}\nEOF\n}\n`,
  'heredoc JSON lists in a statement': (d: number) =>
    `resource "aws_iam_policy" "deep" {\n  policy = <<EOF\n{"Statement":[{"Effect":"Allow","Action":${'['.repeat(d)}"*"${']'.repeat(d)},"Resource":"*"}]}\nEOF\n}\n`,
  'quoted JSON': (d: number) => `resource "aws_iam_policy" "deep" {\n  policy = "${'{\\"a\\":'.repeat(d)}1${'}'.repeat(d)}"\n}\n`,
  'heredocs in heredocs': (d: number) => {
    let open = '';
    let close = '';
    for (let i = 0; i < d; i++) {
      open += `<<E${i}\n\${`;
      close = `}\nE${i}\n` + close;
    }
    return `resource "aws_instance" "deep" {\n  user_data = ${open}"export AWS_SECRET_ACCESS_KEY=x"${close.trimEnd()}\n}\n`;
  },
  'template if directives': (d: number) =>
    `resource "aws_instance" "deep" {\n  user_data = <<EOT\n${'%{ if true }'.repeat(d)}export AWS_SECRET_ACCESS_KEY=x\n${'%{ endif }'.repeat(d)}\nEOT\n}\n`,
  'template for directives': (d: number) =>
    `resource "aws_instance" "deep" {\n  user_data = <<EOT\n${'%{ for x in [1] }'.repeat(d)}y\n${'%{ endfor }'.repeat(d)}\nEOT\n}\n`,
  interpolations: (d: number) => `resource "aws_instance" "deep" {\n  user_data = ${'"${'.repeat(d)}"x"${'}"'.repeat(d)}\n}\n`,
  'unclosed blocks': (d: number) => `resource "aws_s3_bucket" "deep" {\n${'b {\n'.repeat(d)}`,
} as const satisfies Record<string, (depth: number) => string>;

export type NestingKind = keyof typeof NESTING_KINDS;

/** Blocks around the deep one, each with a finding that has nothing to do with it. */
export const BEFORE = 'provider "aws" {\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n}\n\n';
export const AFTER = '\nresource "aws_s3_bucket_acl" "after" {\n  bucket = "b"\n  acl    = "public-read"\n}\n';

export const deepBlock = fc
  .tuple(fc.constantFrom(...(Object.keys(NESTING_KINDS) as NestingKind[])), fc.integer({ min: 1, max: 3000 }))
  .map(([kind, depth]) => ({ kind, depth, block: NESTING_KINDS[kind](depth) }));
