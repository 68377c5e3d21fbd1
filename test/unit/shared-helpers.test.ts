import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proseList } from '../../server/src/engine/finding';
import { collectionPairs, toPlain, type Value } from '../../server/src/eval/value';
import { memoized } from '../../server/src/memo';
import { nameList } from '../../server/src/rules-support/iam-findings';

const origin = { file: 'x.tf', span: { start: 0, end: 0 } };
const str = (value: string): Value => ({ kind: 'string', value, known: true, origin });

describe('collection pairs (for, dynamic, for_each)', () => {
  const list: Value = { kind: 'list', items: [str('a'), str('b')], origin };
  const map: Value = { kind: 'object', entries: [{ key: 'k', keyOrigin: origin, value: str('v') }], origin };
  it('keys a list by index for for / dynamic, by item for for_each (a set)', () => {
    assert.deepEqual(collectionPairs(list, 'index')!.map(([k, v]) => [toPlain(k), toPlain(v)]), [[0, 'a'], [1, 'b']]);
    assert.deepEqual(collectionPairs(list, 'item')!.map(([k, v]) => [toPlain(k), toPlain(v)]), [['a', 'a'], ['b', 'b']]);
  });
  it('keys an object by its keys either way, and reads nothing else', () => {
    for (const mode of ['index', 'item'] as const) assert.deepEqual(collectionPairs(map, mode)!.map(([k, v]) => [toPlain(k), toPlain(v)]), [['k', 'v']]);
    assert.equal(collectionPairs({ kind: 'unknown', reason: 'x', origin }, 'index'), undefined);
    assert.equal(collectionPairs(str('s'), 'item'), undefined);
  });
});

describe('lists in prose (one helper for merged findings and IAM messages)', () => {
  it('names all up to shown + 1 items, then counts the rest', () => {
    assert.equal(proseList(['a'], 4), 'a');
    assert.equal(proseList(['a', 'b'], 4), 'a and b');
    assert.equal(proseList(['a', 'b', 'c', 'd', 'e'], 4), 'a, b, c, d and e');
    assert.equal(proseList(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 4), 'a, b, c, d and 3 more');
    assert.equal(proseList(['a', 'b', 'c', 'd'], 2, 'actions'), 'a, b and 2 more actions');
  });
  it('nameList quotes and counts with its noun', () => {
    assert.equal(nameList(['s3:*', 'iam:*', 'ec2:*'], 'wildcard actions'), '"s3:*", "iam:*" and "ec2:*"');
    assert.equal(nameList(['a', 'b', 'c', 'd'], 'wildcard actions'), '"a", "b" and 2 more wildcard actions');
  });
});

describe('memoized (the bounded memo of pure lookups)', () => {
  it('computes each key once, remembers undefined answers too, and starts afresh past its bound', () => {
    const calls: string[] = [];
    const lookup = memoized((k: string) => {
      calls.push(k);
      return k === 'none' ? undefined : k.toUpperCase();
    }, 2);
    assert.equal(lookup('a'), 'A');
    assert.equal(lookup('a'), 'A');
    assert.equal(lookup('none'), undefined);
    assert.equal(lookup('none'), undefined);
    assert.deepEqual(calls, ['a', 'none']);
    lookup('b'); // a third key: the two remembered are dropped
    lookup('a');
    assert.deepEqual(calls, ['a', 'none', 'b', 'a']);
  });
});
