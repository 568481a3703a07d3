// Tests of the npm licence check (scripts/licenses/npm.mjs) on a fixture
// lock file: a GPL package reached from the app's dependencies must be
// refused as shipped, AGPL tooling refused outright, and dual-licensed or
// data-licensed tooling let through only where the policy says so.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { auditLock, readPolicy, ROOT } from '../npm.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const LOCK = 'fixtures/app/package-lock.json';
const policy = {
  shipped: ['MIT', 'Apache-2.0', 'ISC'],
  devOnly: ['MPL-2.0'],
  bundledFromDev: {},
  overrides: {},
};
const byPath = (results) => Object.fromEntries(results.map((r) => [r.path, r]));

test('a GPL package nested under a shipped dependency is refused as shipped', () => {
  const r = byPath(auditLock(LOCK, policy, here));
  const gpl = r['node_modules/uses-gpl/node_modules/gpl-lib'];
  assert.equal(gpl.shipped, true);
  assert.match(gpl.problem, /GPL-3\.0-only.*not allowed for a package shipped in ui\/dist/);
  // The hoisted copy of the same name is a different, dev-only MIT package.
  assert.equal(r['node_modules/gpl-lib'].shipped, false);
  assert.equal(r['node_modules/gpl-lib'].problem, null);
  assert.equal(r['node_modules/permissive-lib'].problem, null);
});

test('copyleft is refused for tooling too; OR lets a dual licence through', () => {
  const r = byPath(auditLock(LOCK, policy, here));
  assert.match(r['node_modules/gpl-tool'].problem, /AGPL-3\.0-or-later.*not allowed, even for build and test tooling/);
  assert.equal(r['node_modules/dual-tool'].problem, null);
  assert.equal(r['node_modules/dual-tool'].licence, 'GPL-3.0-or-later OR MIT');
  assert.match(r['node_modules/doc-data'].problem, /CC-BY-4\.0/);
});

test('devOnly licences pass for tooling but not once the package is bundled', () => {
  let r = byPath(auditLock(LOCK, policy, here));
  assert.equal(r['node_modules/framework-runtime'].shipped, false);
  assert.equal(r['node_modules/framework-runtime'].problem, null);
  const bundling = { ...policy, bundledFromDev: { [LOCK]: ['framework'] } };
  r = byPath(auditLock(LOCK, bundling, here));
  assert.equal(r['node_modules/framework'].shipped, true);
  assert.equal(r['node_modules/framework-runtime'].shipped, true);
  assert.match(r['node_modules/framework-runtime'].problem, /MPL-2\.0.*shipped/);
});

test('a package with no licence or a non-SPDX one is refused until overridden', () => {
  let r = byPath(auditLock(LOCK, policy, here));
  assert.match(r['node_modules/no-licence'].problem, /no licence/);
  assert.match(r['node_modules/odd-licence'].problem, /not an SPDX expression/);
  const overriding = {
    ...policy,
    overrides: { 'odd-licence@0.1.0': { license: 'ISC', reason: 'LICENSE.txt is the ISC text' } },
  };
  r = byPath(auditLock(LOCK, overriding, here));
  assert.equal(r['node_modules/odd-licence'].problem, null);
  assert.equal(r['node_modules/odd-licence'].licence, 'ISC');
});

test('the command exits 1 and names the GPL package', () => {
  const policyFile = join(here, 'fixtures', 'policy.json');
  const run = spawnSync(process.execPath, [join(here, '..', 'npm.mjs'), '--policy', policyFile, LOCK], {
    cwd: here,
    encoding: 'utf8',
  });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /gpl-lib@2\.0\.0 \(node_modules\/uses-gpl\/node_modules\/gpl-lib, shipped\)/);
  assert.match(run.stderr, /gpl-tool@1\.0\.0/);
});

test('the repository lock files pass the committed policy', () => {
  const committed = readPolicy();
  for (const lockFile of committed.lockFiles) {
    const bad = auditLock(lockFile, committed, ROOT).filter((r) => r.problem);
    assert.deepEqual(bad, [], `${lockFile}: ${bad.map((r) => `${r.name}: ${r.problem}`).join('; ')}`);
  }
  // And the command agrees.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'licenses', 'npm.mjs')], { stdio: 'pipe' });
});

test('a lock entry without a licence falls back to the installed package.json', () => {
  const r = byPath(auditLock(LOCK, policy, here));
  assert.equal(r['node_modules/licence-in-manifest'].licence, 'ISC');
  assert.equal(r['node_modules/licence-in-manifest'].from, 'package.json');
  assert.equal(r['node_modules/licence-in-manifest'].problem, null);
  // The old `licenses: [{type}]` array means a choice among them.
  assert.equal(r['node_modules/old-style-licences'].licence, 'GPL-2.0 OR MIT');
  assert.equal(r['node_modules/old-style-licences'].problem, null);
});
