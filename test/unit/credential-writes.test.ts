import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from '../../server/src/eval/evaluate';
import { toPlain, unknown } from '../../server/src/eval/value';
import { credentialWrites } from '../../rules/aws-credentials-in-user-data/writes';
import { parse } from '../helpers';

const whats = (text: string) => credentialWrites(text).map((w) => w.what);

describe('credentialWrites: scripts that put AWS keys on a machine', () => {
  const flagged: [string, string][] = [
    ['export AWS_SECRET_ACCESS_KEY=abc', 'sets AWS_SECRET_ACCESS_KEY'],
    ['AWS_ACCESS_KEY_ID=${…} ./run.sh', 'sets AWS_ACCESS_KEY_ID'],
    ['docker run -e AWS_SESSION_TOKEN=$TOKEN app', 'sets AWS_SESSION_TOKEN'],
    ['$env:AWS_SECRET_ACCESS_KEY = "x"', 'sets AWS_SECRET_ACCESS_KEY'],
    ['environment:\n  AWS_ACCESS_KEY_ID: ${…}\n', 'sets AWS_ACCESS_KEY_ID'],
    ['setx AWS_SECRET_ACCESS_KEY %KEY% /M', 'sets AWS credential environment variables'],
    ['aws configure set aws_session_token $T', 'stores a key with aws configure set'],
    ['aws configure set profile.ci.aws_secret_access_key $S', 'stores a key with aws configure set'],
    ['Set-AWSCredential -AccessKey $a -SecretKey $s -StoreAs default', 'stores a key with the AWS Tools for PowerShell'],
    ['[default]\naws_secret_access_key = ${…}\n', 'writes a credentials profile'],
    ['echo "$CREDS" > ~/.aws/credentials', 'writes ~/.aws/credentials'],
    ['echo "$CREDS" | sudo tee -a /root/.aws/credentials', 'writes ~/.aws/credentials'],
    ['aws s3 cp s3://secrets/ci-creds $HOME/.aws/credentials', 'writes ~/.aws/credentials'],
    ['Set-Content -Path C:\\Users\\Administrator\\.aws\\credentials -Value $c', 'writes ~/.aws/credentials'],
  ];
  for (const [text, what] of flagged) it(`flags ${JSON.stringify(text)}`, () => assert.ok(whats(text).includes(what), whats(text).join('; ')));

  const accepted = [
    'cat ~/.aws/credentials',
    'cp ~/.aws/credentials /tmp/backup',
    'export AWS_SHARED_CREDENTIALS_FILE=/root/.aws/credentials',
    'echo $AWS_SECRET_ACCESS_KEY; echo "${AWS_ACCESS_KEY_ID}"',
    'unset AWS_SECRET_ACCESS_KEY',
    'export AWS_SECRET_ACCESS_KEY',
    'export AWS_ACCESS_KEY_ID=""',
    'export AWS_SESSION_TOKEN=$(aws sts get-session-token --query Credentials.SessionToken)',
    'export AWS_ACCESS_KEY_ID=$(curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/r | jq -r .AccessKeyId)',
    'aws configure set region eu-west-2',
    'aws configure get aws_secret_access_key',
    "printf '[default]\\nregion = eu-west-2\\n' > ~/.aws/config",
    'docker run -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY app',
    'export AWS_ACCESS_KEY_ID=$(echo "$CREDS" | jq -r .Credentials.AccessKeyId)',
    'sed "s/AWS_SECRET_ACCESS_KEY=.*/AWS_SECRET_ACCESS_KEY=<REDACTED>/g" log',
  ];
  for (const text of accepted) it(`leaves ${JSON.stringify(text)} alone`, () => assert.deepEqual(whats(text), []));

  it('tells variables set for the script itself from what outlives it', () => {
    const byWhat = (t: string) => credentialWrites(t).map((w) => [w.what, w.persistent]);
    assert.deepEqual(byWhat('AWS_ACCESS_KEY_ID=${…} ./deploy.sh'), [['sets AWS_ACCESS_KEY_ID', false]]);
    assert.deepEqual(byWhat('aws configure set aws_access_key_id $K'), [['stores a key with aws configure set', true]]);
  });

  it('counts writing ~/.aws/config when the same script gives it keys', () => {
    assert.ok(whats('cat > ~/.aws/config <<EOF\n[default]\naws_access_key_id = ${…}\nEOF\n').includes('writes ~/.aws/config'));
  });
});

describe('eval: base64encode', () => {
  it('encodes a known string and stays unknown for an unknown one', async () => {
    const f = await parse('a = base64encode("echo hi")\nb = base64encode(var.x)\n');
    const env = { file: f.path, resolve: (_r: string, _s: unknown, o: Parameters<typeof unknown>[1]) => unknown('test', o) };
    assert.equal(toPlain(evaluate(f.body.attributes[0].expr, env)), Buffer.from('echo hi').toString('base64'));
    assert.equal(evaluate(f.body.attributes[1].expr, env).kind, 'unknown');
  });
});
