#!/usr/bin/env node
// The npm half of the dependency policy: every package in the UI's and the
// end-to-end tests' lock files must carry a licence the policy allows
// (npm-licenses.json at the repository root). Offline: it reads the lock
// files and, where a lock entry has no `license`, the installed
// node_modules/<package>/package.json.
//
//   node scripts/licenses/npm.mjs                 check; exit 1 on a refusal
//   node scripts/licenses/npm.mjs --policy P L..  another policy / lock files
//
// A package counts as shipped when it is reachable from the root's
// `dependencies`, or from a devDependency named in `bundledFromDev`, through
// `dependencies`, `optionalDependencies` and `peerDependencies`, resolved the
// way Node resolves them (nearest node_modules first). Shipped packages must
// satisfy the `shipped` list; the rest `shipped` + `devOnly`.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalize, parseExpression, satisfies } from './spdx.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The package's name: from the entry, else from its last node_modules segment. */
function packageName(path, entry) {
  if (entry.name) return entry.name;
  const at = path.lastIndexOf('node_modules/');
  return at < 0 ? path : path.slice(at + 'node_modules/'.length);
}

/** Where Node would find `dep` when required from the package at `from`. */
function resolveDependency(packages, from, dep) {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${dep}` : `${base}/node_modules/${dep}`;
    if (candidate in packages) return candidate;
    if (base === '') return null;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

/** The licence text of a lock entry, else of the installed package.json. */
function licenceOf(lockDir, path, entry) {
  if (typeof entry.license === 'string') return { text: entry.license, from: 'lock file' };
  const manifest = join(lockDir, path, 'package.json');
  if (existsSync(manifest)) {
    try {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (typeof pkg.license === 'string') return { text: pkg.license, from: 'package.json' };
      if (pkg.license && typeof pkg.license.type === 'string') return { text: pkg.license.type, from: 'package.json' };
      if (Array.isArray(pkg.licenses) && pkg.licenses.length > 0) {
        const types = pkg.licenses.map((l) => (typeof l === 'string' ? l : l?.type));
        if (types.every((t) => typeof t === 'string')) return { text: types.join(' OR '), from: 'package.json' };
      }
    } catch {
      // An unreadable manifest is the same as none: reported as unknown.
    }
  }
  return { text: null, from: 'nowhere' };
}

/**
 * Reads one lock file (lockfileVersion 2 or 3) and returns every package
 * with its name, version, licence, whether it ships, and the verdict.
 */
export function auditLock(lockFile, policy, root = ROOT) {
  const lockPath = resolve(root, lockFile);
  const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  const lockDir = dirname(lockPath);
  const packages = lock.packages;
  if (!packages || typeof packages !== 'object') {
    throw new Error(`${lockFile}: no "packages" map (lockfileVersion ${lock.lockfileVersion}); run npm install with npm 7 or later`);
  }
  const rootEntry = packages[''] ?? {};
  const shippedRoots = [
    ...Object.keys(rootEntry.dependencies ?? {}),
    ...Object.keys(rootEntry.optionalDependencies ?? {}),
    ...((policy.bundledFromDev ?? {})[lockFile] ?? []),
  ];
  const shipped = new Set();
  const queue = [];
  for (const dep of shippedRoots) {
    const found = resolveDependency(packages, '', dep);
    if (found) queue.push(found);
  }
  while (queue.length > 0) {
    const path = queue.pop();
    if (shipped.has(path)) continue;
    shipped.add(path);
    const entry = packages[path] ?? {};
    const deps = { ...entry.peerDependencies, ...entry.optionalDependencies, ...entry.dependencies };
    for (const dep of Object.keys(deps)) {
      const found = resolveDependency(packages, path, dep);
      if (found && !shipped.has(found)) queue.push(found);
    }
  }

  const shippedAllowed = new Set(policy.shipped);
  const devAllowed = new Set([...policy.shipped, ...(policy.devOnly ?? [])]);
  const results = [];
  for (const [path, entry] of Object.entries(packages)) {
    if (path === '' || entry.link) continue;
    const name = packageName(path, entry);
    const version = entry.version ?? '?';
    const isShipped = shipped.has(path);
    const override = (policy.overrides ?? {})[`${name}@${version}`];
    const licence = override ? { text: override.license, from: `override (${override.reason})` } : licenceOf(lockDir, path, entry);
    let problem = null;
    let expression = licence.text;
    if (licence.text === null) {
      problem = 'no licence in the lock file nor in an installed package.json';
    } else {
      try {
        const tree = parseExpression(licence.text);
        expression = normalize(tree);
        const allowed = isShipped ? shippedAllowed : devAllowed;
        if (!satisfies(tree, allowed)) {
          problem = isShipped
            ? `licence ${JSON.stringify(licence.text)} is not allowed for a package shipped in ui/dist (allowed: ${policy.shipped.join(', ')})`
            : `licence ${JSON.stringify(licence.text)} is not allowed, even for build and test tooling`;
        }
      } catch (error) {
        problem = `licence ${JSON.stringify(licence.text)} is not an SPDX expression (${error.message}); add an override with the real licence`;
      }
    }
    results.push({ lockFile, path, name, version, licence: expression, from: licence.from, shipped: isShipped, problem });
  }
  return results;
}

/** Reads the policy file (JSON). */
export function readPolicy(file = join(ROOT, 'npm-licenses.json')) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function main(argv) {
  let policyFile = join(ROOT, 'npm-licenses.json');
  const locks = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--policy') policyFile = resolve(argv[++i] ?? '');
    else locks.push(argv[i]);
  }
  const policy = readPolicy(policyFile);
  const lockFiles = locks.length > 0 ? locks : policy.lockFiles;
  let failures = 0;
  for (const lockFile of lockFiles) {
    const results = auditLock(lockFile, policy, locks.length > 0 ? process.cwd() : ROOT);
    const bad = results.filter((r) => r.problem);
    const shippedCount = results.filter((r) => r.shipped).length;
    for (const r of bad) {
      console.error(`npm licences: ${lockFile}: ${r.name}@${r.version} (${r.path}${r.shipped ? ', shipped' : ', dev only'}): ${r.problem}`);
    }
    console.log(`npm licences: ${lockFile}: ${results.length} packages (${shippedCount} shipped), ${bad.length} refused`);
    failures += bad.length;
  }
  if (failures > 0) {
    console.error(`npm licences: ${failures} package(s) refused by ${relative(process.cwd(), policyFile) || policyFile}`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
