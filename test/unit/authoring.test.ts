import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { completeAt } from '../../server/src/authoring/completion';
import { contextAt } from '../../server/src/authoring/context';
import { hoverAt } from '../../server/src/authoring/hover';
import { wildcardActionsAt } from '../../server/src/authoring/wildcard-actions';
import { catalogueDate, conditionKeyInfo, editDistance, nearestActions, operatorFits, operatorInfo } from '../../server/src/authoring/catalogue-lookup';
import { checkAction, checkConditionKey, checkOperator, didYouMeanFor } from '../../server/src/authoring/names';

/** `text` with a `|` marking the offset. */
function at(marked: string): [string, number] {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'a | marks the offset');
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

function apply(text: string, e: { start: number; end: number; newText: string }): string {
  return text.slice(0, e.start) + e.newText + text.slice(e.end);
}

/** Every policy form, with `$` where the name being written goes. */
const FORMS: Record<string, string> = {
  jsonencode: 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["s3:ListBucket", "$"]\n      Resource = "*"\n    }]\n  })\n}\n',
  heredoc: 'resource "aws_iam_policy" "p" {\n  policy = <<-EOT\n    {\n      "Statement": [\n        {\n          "Effect": "Allow",\n          "Action": [\n            "s3:ListBucket",\n            "$"\n          ],\n          "Resource": "*"\n        }\n      ]\n    }\n  EOT\n}\n',
  quoted: 'resource "aws_iam_policy" "p" {\n  policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": [\\"$\\"], \\"Resource\\": \\"*\\"}]}"\n}\n',
  document: 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["$"]\n    resources = ["*"]\n  }\n}\n',
  json: '{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "$",\n      "Resource": "*"\n    }\n  ]\n}\n',
};

/** The form's text with `name` written at `$`, the offset after its `cut`-th character. */
function written(form: string, name: string, cut = name.length): [string, number] {
  const t = FORMS[form];
  const i = t.indexOf('$');
  return [t.slice(0, i) + name + t.slice(i + 1), i + cut];
}

/** Parses a form the way its consumer does: HashiCorp's parser for .tf, JSON.parse for .json. */
async function parses(form: string, text: string): Promise<unknown> {
  if (form === 'json') return JSON.parse(text);
  const doc = (await hcl2json('main.tf', text)) as Record<string, Record<string, Record<string, { policy?: string }[]>>>;
  if (form === 'heredoc' || form === 'quoted') return JSON.parse(doc.resource.aws_iam_policy.p[0].policy!);
  return doc;
}

describe('authoring: where the cursor is', () => {
  it('finds the Action slot in every form, half-typed or not', () => {
    for (const form of Object.keys(FORMS)) {
      const [text, offset] = written(form, 's3:GetOb');
      const ctx = contextAt(text, offset);
      assert.equal(ctx?.slot.kind, 'action', form);
      assert.equal(ctx?.token.value, 's3:GetOb', form);
      assert.equal(ctx?.token.escaped, form === 'quoted', form);
    }
    // An unclosed string on a half-typed line.
    const [open, o] = at('resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{\n      Action = ["s3:GetOb|\n  }]\n  })\n}\n');
    assert.equal(contextAt(open, o)?.slot.kind, 'action');
    assert.equal(contextAt(open, o)?.token.closed, false);
  });

  it('leaves other strings alone: attributes, Resource, actions outside a statement block', () => {
    for (const marked of [
      'resource "aws_s3_bucket" "b" {\n  bucket = "s3:Get|"\n}\n',
      '{"Statement": [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b|"}]}',
      'resource "aws_networkfirewall_rule_group" "r" {\n  rule {\n    actions = ["aws:pa|"]\n  }\n}\n',
    ]) {
      const [text, offset] = at(marked);
      assert.equal(contextAt(text, offset), undefined, marked);
    }
  });

  it('finds operators and condition keys, with the operator and the statement\'s services', () => {
    const [json, o1] = at('{"Statement": [{"Action": "ec2:RunInstances", "Condition": {"StringEquals": {"ec2:Inst|": "x"}}}]}');
    assert.deepEqual(contextAt(json, o1)?.slot, { kind: 'condition-key', operator: 'StringEquals' });
    assert.deepEqual(contextAt(json, o1)?.services, ['ec2']);
    const [op, o2] = at('{"Statement": [{"Action": "s3:GetObject", "Condition": {"Str|": {}}}]}');
    assert.deepEqual(contextAt(op, o2)?.slot, { kind: 'operator' });
    const [doc, o3] = at('data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["s3:PutObject"]\n    condition {\n      test     = "Bool"\n      variable = "aws:Sec|"\n    }\n  }\n}\n');
    assert.deepEqual(contextAt(doc, o3)?.slot, { kind: 'condition-key', operator: 'Bool' });
    const [bare, o4] = at('x = jsonencode({\n  Statement = [{\n    Action = "s3:GetObject"\n    Condition = {\n      StringLi|\n    }\n  }]\n})\n');
    assert.deepEqual(contextAt(bare, o4)?.slot, { kind: 'operator' });
    assert.equal(contextAt(bare, o4)?.syntax, 'hcl');
  });
});

describe('authoring: completion', () => {
  it('offers service prefixes first, then the service\'s actions with access level and description', () => {
    const [text, offset] = written('jsonencode', 's');
    const services = completeAt(text, offset)!;
    assert.ok(services.items.every((i) => i.kind === 'service'));
    const s3 = services.items.find((i) => i.label === 's3')!;
    assert.equal(s3.newText, 's3:');
    assert.equal(s3.retrigger, true);
    const [text2, offset2] = written('jsonencode', 's3:GetOb');
    const actions = completeAt(text2, offset2)!;
    const get = actions.items.find((i) => i.label === 's3:GetObject')!;
    assert.equal(get.detail, 'Read');
    assert.match(get.documentation ?? '', /retrieve objects/i);
    assert.match(actions.items.find((i) => i.label === 's3:PutBucketPolicy')?.detail ?? '', /Permissions management/);
    assert.deepEqual(actions.replace, { start: offset2 - 's3:GetOb'.length, end: offset2 });
  });

  it('keeps the author\'s quoting in every form, and the result parses', async () => {
    for (const form of Object.keys(FORMS)) {
      const [text, offset] = written(form, 's3:GetOb');
      const c = completeAt(text, offset)!;
      const item = c.items.find((i) => i.label === 's3:GetObject')!;
      assert.equal(item.newText, 's3:GetObject', form);
      const after = apply(text, { ...c.replace, newText: item.newText });
      assert.ok(after.includes(form === 'quoted' ? '\\"s3:GetObject\\"' : '"s3:GetObject"'), form);
      await parses(form, after);
    }
  });

  it('closes a string left open on a half-typed line, as the surrounding text writes quotes', async () => {
    const [text, offset] = at('resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["s3:GetOb|]\n      Resource = "*"\n    }]\n  })\n}\n');
    const c = completeAt(text, offset)!;
    const item = c.items.find((i) => i.label === 's3:GetObject')!;
    assert.equal(item.newText, 's3:GetObject"');
    await parses('jsonencode', apply(text, { ...c.replace, newText: item.newText }));
    const [q, qo] = at('resource "aws_iam_policy" "p" {\n  policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Resource\\": \\"*\\", \\"Action\\": \\"s3:GetOb|}]}"\n}\n');
    const qi = completeAt(q, qo)!.items.find((i) => i.label === 's3:GetObject')!;
    assert.equal(qi.newText, 's3:GetObject\\"');
  });

  it('offers operators and the keys that fit them first; keys with placeholders stop before them', () => {
    const [text, offset] = at('data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["s3:PutObject"]\n    condition {\n      test     = "Bool"\n      variable = "|"\n    }\n  }\n}\n');
    const c = completeAt(text, offset)!;
    const sorted = [...c.items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    const firstMisfit = sorted.findIndex((i) => /does not apply/.test(i.detail));
    assert.ok(firstMisfit > 0 && sorted.slice(0, firstMisfit).every((i) => /Bool/.test(i.detail)), 'Bool keys first');
    assert.ok(sorted.some((i) => i.label === 'aws:SecureTransport'));
    assert.ok(c.items.some((i) => i.label.toLowerCase().startsWith('s3:')), 'the statement\'s service keys');
    const tag = c.items.find((i) => i.label === 'aws:RequestTag/${TagKey}' || i.label === 'aws:RequestTag/tag-key')!;
    assert.equal(tag.newText, 'aws:RequestTag/');
    const [op, oo] = at('x = jsonencode({\n  Statement = [{\n    Action = "s3:GetObject"\n    Condition = {\n      For|\n    }\n  }]\n})\n');
    const ops = completeAt(op, oo)!;
    assert.equal(ops.items.find((i) => i.label === 'ForAnyValue:StringLike')?.newText, '"ForAnyValue:StringLike"', 'a bare HCL key with : is quoted');
    assert.equal(ops.items.find((i) => i.label === 'StringLike')?.newText, 'StringLike');
  });
});

describe('authoring: hover', () => {
  it('gives an action\'s access level and description, and the catalogue date', () => {
    const [text, offset] = written('document', 'iam:PassRole', 4);
    const h = hoverAt(text, offset)!;
    assert.match(h.markdown, /`iam:PassRole`\*\* — Write/);
    assert.match(h.markdown, new RegExp(`catalogue of ${catalogueDate()}`));
    assert.match(catalogueDate(), /^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives a pattern\'s matches grouped by access level, each list folded', () => {
    for (const form of Object.keys(FORMS)) {
      const [text, offset] = written(form, 's3:Get*', 3);
      const h = hoverAt(text, offset)!;
      assert.match(h.markdown, /matches \d+ actions today/, form);
      assert.match(h.markdown, /\*\*Read\*\* \(\d+\)/, form);
      assert.match(h.markdown, /… and \d+ more/, form);
    }
    const [text, offset] = written('json', 's3:*', 2);
    const levels = [...hoverAt(text, offset)!.markdown.matchAll(/- \*\*([^*]+)\*\*/g)].map((m) => m[1]);
    assert.ok(levels.indexOf('List') < levels.indexOf('Write'), levels.join());
  });

  it('gives a condition key\'s type and an operator\'s meaning', () => {
    const [text, offset] = at('{"Statement": [{"Action": "s3:GetObject", "Condition": {"IpAddress": {"aws:Sou|rceIp": "10.0.0.0/8"}}}]}');
    const h = hoverAt(text, offset)!.markdown;
    assert.match(h, /`aws:SourceIp`\*\* — IPAddress condition key \(global\)/);
    assert.match(h, /Used with `IpAddress`, which compares IP addresses/);
    const [t2, o2] = at('{"Statement": [{"Action": "s3:GetObject", "Condition": {"StringEqu|al": {"aws:SourceIp": "x"}}}]}');
    assert.match(hoverAt(t2, o2)!.markdown, /`StringEqual` is not a condition operator\. Did you mean `StringEquals`/);
  });

  it('names the nearest known names for an unknown one', () => {
    const [text, offset] = written('heredoc', 's3:GetObjct', 4);
    assert.match(hoverAt(text, offset)!.markdown, /Did you mean `s3:GetObject`/);
    const [t2, o2] = written('json', 'ec2:Descrbe*', 4);
    assert.match(hoverAt(t2, o2)!.markdown, /matches no action today/);
  });
});

describe('authoring: wildcard code actions', () => {
  it('replace a pattern with its actions, or only its reads and lists, in each form; every result parses', async () => {
    for (const form of Object.keys(FORMS)) {
      const [text, offset] = written(form, 's3:*Object', 3);
      const actions = wildcardActionsAt(text, offset);
      assert.equal(actions.length, 2, form);
      const [all, reads] = actions;
      assert.match(all.title, /^Replace "s3:\*Object" with the \d+ actions it matches today$/);
      assert.match(reads.title, /^Narrow "s3:\*Object" to its \d+ read and list actions? \(drops \d+ that write/);
      for (const a of actions) {
        const after = apply(text, a.edit);
        const parsed = JSON.stringify(await parses(form, after));
        assert.ok(parsed.includes('s3:GetObject'), form);
        assert.ok(!after.includes('s3:*Object'), form);
      }
      // The narrowed list keeps the reads and drops the writes the pattern matches.
      assert.ok(apply(text, all.edit).includes('s3:PutObject'));
      const narrowed = apply(text, reads.edit);
      assert.ok(narrowed.includes('"s3:GetObject'), form);
      assert.ok(!narrowed.includes('s3:PutObject') && !narrowed.includes('s3:DeleteObject'), form);
    }
  });

  it('lays out items as the list does: one per line at its indentation, or inline', () => {
    const [text, offset] = written('heredoc', 's3:GetObjectT*', 3);
    const e = wildcardActionsAt(text, offset)[0].edit;
    assert.match(e.newText, /^"s3:GetObjectTagging",\n {12}"s3:GetObjectTorrent"$/);
    const [inline, io] = written('jsonencode', 's3:GetObjectT*', 3);
    assert.match(wildcardActionsAt(inline, io)[0].edit.newText, /^"s3:GetObjectTagging", "s3:GetObjectTorrent"$/);
    const [scalar, so] = written('json', 's3:GetObjectT*', 3);
    assert.equal(wildcardActionsAt(scalar, so)[0].edit.newText, '[\n        "s3:GetObjectTagging",\n        "s3:GetObjectTorrent"\n      ]');
    const [quoted, qo] = written('quoted', 's3:GetObjectT*', 3);
    assert.equal(wildcardActionsAt(quoted, qo)[0].edit.newText, '\\"s3:GetObjectTagging\\", \\"s3:GetObjectTorrent\\"');
  });

  it('does not narrow a Deny or a NotAction (that would widen access), nor expand * or exact names', () => {
    const [deny, d] = at('{"Statement": [{"Effect": "Deny", "Action": "s3:Get|*", "Resource": "*"}]}');
    assert.deepEqual(wildcardActionsAt(deny, d).map((a) => a.narrows), [false]);
    const [not, n] = at('{"Statement": [{"Effect": "Allow", "NotAction": "s3:Get|*", "Resource": "*"}]}');
    assert.deepEqual(wildcardActionsAt(not, n).map((a) => a.narrows), [false]);
    for (const name of ['*', '*:Get*', 's3:GetObject', 's3:Nothing*']) {
      const [text, offset] = written('json', name, 1);
      assert.deepEqual(wildcardActionsAt(text, offset), [], name);
    }
  });
});

describe('authoring: catalogue look-ups and name checks', () => {
  it('measures edit distance with transpositions', () => {
    assert.equal(editDistance('GetObjcet', 'GetObject'), 1);
    assert.equal(editDistance('abc', 'xyz', 1), 2);
  });

  it('finds nearest actions in the service, in nearby services, or by the action\'s name', () => {
    assert.deepEqual(nearestActions('s3:GetObjct').slice(0, 1), ['s3:GetObject']);
    assert.deepEqual(nearestActions('s4:GetObject').slice(0, 1), ['s3:GetObject']);
    assert.ok(nearestActions('vpc:DescribeSubnets').includes('ec2:DescribeSubnets'));
  });

  it('knows condition keys with placeholders and the operators\' families', () => {
    assert.equal(conditionKeyInfo('aws:ResourceTag/team')?.type, 'String');
    assert.equal(conditionKeyInfo('AWS:SECURETRANSPORT')?.type, 'Bool');
    assert.equal(operatorInfo('ForAnyValue:StringLikeIfExists')?.family, 'String');
    assert.equal(operatorInfo('NullIfExists'), undefined);
    assert.equal(operatorFits('Bool', 'String'), false);
    assert.equal(operatorFits('String', 'Bool'), true);
    assert.equal(operatorFits('IpAddress', 'IPAddress'), true);
  });

  it('checks names: certain for typos, a notice for what the catalogue may not know yet', () => {
    assert.equal(checkAction('s3:GetObject'), undefined);
    assert.equal(checkAction('${var.x}:GetObject'), undefined);
    assert.deepEqual(checkAction('s3:GetObjct')?.fix, 's3:GetObject');
    assert.equal(checkAction('s3:GetObjct')?.certain, true);
    // A name that only starts actions: a `*` left out, suggested but not applied (it widens).
    const start = checkAction('kms:Describe')!;
    assert.equal(start.certain, true);
    assert.equal(start.suggestions[0], 'kms:Describe*');
    assert.equal(start.fix, undefined);
    const maybe = checkAction('sns:Receive')!;
    assert.equal(maybe.certain, false);
    assert.match(maybe.what, /not in the AWS catalogue of \d{4}-\d{2}-\d{2}/);
    assert.equal(checkConditionKey('token.actions.githubusercontent.com:sub'), undefined);
    assert.equal(checkConditionKey('aws:SecureTransprt')?.fix, 'aws:SecureTransport');
    assert.equal(checkOperator('StringEqual', 'aws:SourceAccount')?.fix, 'StringEquals');
    assert.match(checkOperator('Bool', 'aws:SourceVpc')!.what, /cannot apply to "aws:SourceVpc", a String key/);
    assert.equal(checkOperator('StringEquals', 'aws:SecureTransport'), undefined);
  });

  it('gives the editor\'s "did you mean" replacement only when one name is clearly the nearest', () => {
    assert.equal(didYouMeanFor('aws-iam-unknown-action', 's3:GetObjct'), 's3:GetObject');
    assert.equal(didYouMeanFor('aws-iam-unknown-action', 'kms:Describe'), undefined, 'a pattern would grant more');
    assert.equal(didYouMeanFor('aws-iam-unknown-action', 'sns:Receive'), undefined);
    assert.equal(didYouMeanFor('aws-iam-unknown-condition-key', 'aws:SecureTransprt'), 'aws:SecureTransport');
    assert.equal(didYouMeanFor('aws-iam-unknown-condition-key', 'aws:SourceVpcc'), undefined, 'aws:SourceVpc and aws:SourceVpce are as close');
    assert.equal(didYouMeanFor('aws-iam-condition-operator-mismatch', 'StringEqual'), 'StringEquals');
    assert.equal(didYouMeanFor('aws-iam-condition-operator-mismatch', 'Bool'), undefined);
    assert.equal(didYouMeanFor('aws-iam-wildcard-action', 's3:GetObjct'), undefined);
  });
});
