// Tests of the SPDX expression reader used by the npm licence check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalize, parseExpression, satisfies } from '../spdx.mjs';

const allowed = new Set(['MIT', 'Apache-2.0', 'Zlib', 'Unicode-3.0']);
const ok = (text) => satisfies(parseExpression(text), allowed);

test('OR needs one allowed side, AND needs all', () => {
  assert.equal(ok('MIT'), true);
  assert.equal(ok('(MIT OR GPL-3.0-or-later)'), true);
  assert.equal(ok('GPL-3.0-or-later OR LGPL-2.1-only'), false);
  assert.equal(ok('(MIT AND Zlib)'), true);
  assert.equal(ok('MIT AND GPL-2.0-only'), false);
  assert.equal(ok('(MIT OR Apache-2.0) AND Unicode-3.0'), true);
  assert.equal(ok('MIT OR Apache-2.0 AND GPL-2.0-only'), true, 'AND binds tighter: MIT alone suffices');
  assert.equal(ok('(MIT OR Apache-2.0) AND GPL-2.0-only'), false);
});

test('WITH passes for a permissive exception on an allowed licence only', () => {
  assert.equal(ok('Apache-2.0 WITH LLVM-exception'), true);
  assert.equal(ok('GPL-2.0-only WITH Classpath-exception-2.0'), false);
  assert.equal(ok('MIT WITH Some-unknown-exception'), false);
});

test('old slash-separated forms read as OR; other prose is an error', () => {
  assert.equal(normalize(parseExpression('MIT/Apache-2.0')), 'Apache-2.0 OR MIT');
  assert.equal(ok('GPL-2.0/MIT'), true);
  for (const bad of ['', '   ', 'MIT OR', '(MIT', 'MIT)', 'SEE LICENSE IN LICENSE.md', 'Apache 2.0', 'AND MIT']) {
    assert.throws(() => parseExpression(bad), Error, JSON.stringify(bad));
  }
});

test('normalize sorts OR operands and keeps grouping', () => {
  assert.equal(normalize(parseExpression('MIT OR Apache-2.0')), 'Apache-2.0 OR MIT');
  assert.equal(normalize(parseExpression('Unicode-3.0 AND (MIT OR Apache-2.0)')), 'Unicode-3.0 AND (Apache-2.0 OR MIT)');
});
