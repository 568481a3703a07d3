#!/usr/bin/env node
// Generated parts of the third-party notices, offline.
//
//   node scripts/licenses/third-party.mjs --write     rewrite the tables in THIRD-PARTY.md
//   node scripts/licenses/third-party.mjs --check     exit 1 when those tables are out of date
//   node scripts/licenses/third-party.mjs --licenses FILE
//        write the licence texts the .deb carries: Dossier's own licence, then
//        every Rust crate compiled into the Linux app (texts by `cargo about`),
//        then every npm package bundled into ui/dist (texts from node_modules)
//
// The Rust side reads `cargo metadata` (offline: run `cargo fetch --locked`
// once); the npm side reads the lock files through npm.mjs.

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
 * The package ids compiled into the app binary: the app crate and its
 * normal (not build, not dev) dependencies, transitively, on APP_TARGET.
 */
function appClosure(meta) {
  const nodes = new Map(meta.resolve.nodes.map((n) => [n.id, n]));
  const app = meta.packages.find((p) => p.name === APP_CRATE && meta.workspace_members.includes(p.id));
  if (!app) throw new Error(`no workspace crate named ${APP_CRATE}`);
  const seen = new Set();
  const stack = [app.id];
  while (stack.length > 0) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const dep of nodes.get(id)?.deps ?? []) {
      if (dep.dep_kinds.some((k) => k.kind === null)) stack.push(dep.pkg);
    }
  }
  return { ids: seen, appId: app.id };
}

function nameList(names, limit = 12) {
  const sorted = [...new Set(names)].sort();
  if (sorted.length <= limit) return sorted.map((n) => `\`${n}\``).join(', ');
  return `${sorted.slice(0, limit).map((n) => `\`${n}\``).join(', ')} and ${sorted.length - limit} more`;
}

/** The Markdown table of Rust licences. */
export function rustTable() {
  const all = cargoMetadata([]);
  const app = appClosure(cargoMetadata(['--filter-platform', APP_TARGET]));
  const groups = new Map();
  let total = 0;
  let inApp = 0;
  for (const p of all.packages) {
    if (all.workspace_members.includes(p.id)) continue;
    const key = licenceKey(p.license ?? (p.license_file ? `(file ${p.license_file})` : null));
    const group = groups.get(key) ?? { crates: 0, app: 0, names: [] };
    group.crates += 1;
    total += 1;
    if (app.ids.has(p.id)) {
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
const LICENCE_FILE = /^(licen[cs]e|copying|notice|unlicense)([-._].*)?$/i;

/** The Rust crates of the app and their licence texts, by `cargo about`. */
function rustLicences() {
  const out = execFileSync(
    'cargo',
    ['about', 'generate', '--format', 'json', '--offline', '--locked', '--all-features',
     '--manifest-path', join(ROOT, 'src-tauri', 'Cargo.toml'), '--config', join(ROOT, 'about.toml')],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out);
}

/** The npm packages bundled into ui/dist and their licence files. */
function npmLicences() {
  const policy = readPolicy();
  const lockFile = 'ui/package-lock.json';
  const lockDir = dirname(join(ROOT, lockFile));
  const shipped = auditLock(lockFile, policy).filter((r) => r.shipped);
  return shipped
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => {
      const dir = join(lockDir, r.path);
      if (!existsSync(dir)) {
        throw new Error(`${r.path} is not installed: run \`make app-deps\` (npm ci in ui/) first`);
      }
      // LICENSE.spdx (an SPDX document, not a licence text) is skipped.
      const files = readdirSync(dir).filter((f) => LICENCE_FILE.test(f) && !f.endsWith('.spdx')).sort();
      const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
      let author = null;
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        author = typeof pkg.author === 'string' ? pkg.author : (pkg.author?.name ?? null);
      } catch {
        // No readable package.json: the author stays unknown.
      }
      if (texts.length === 0 && !satisfies(parseExpression(r.licence), new Set(['MIT']))) {
        throw new Error(`${r.name} ${r.version} ships no licence file and is not available under MIT: add its licence text by hand`);
      }
      return { ...r, files, texts, author };
    });
}

function licencesText() {
  const parts = [
    'Dossier: third-party licences',
    '',
    'Dossier is distributed under the MIT licence (below). It is built from the',
    'Rust crates and npm packages listed in this file, each under its own',
    'licence, reproduced here as their licences require. Crates under MPL-2.0',
    'are used unmodified; their source is available from crates.io',
    '(https://crates.io/crates/NAME/VERSION) under the same licence.',
    '',
    RULE,
    'Dossier',
    RULE,
    '',
    readFileSync(join(ROOT, 'LICENSE'), 'utf8').trim(),
    '',
  ];

  const about = rustLicences();
  parts.push(RULE, 'Rust crates compiled into the app', RULE, '');
  const overview = about.overview ?? [];
  for (const o of overview) parts.push(`${o.name} (${o.id}): ${o.count} crate(s)`);
  parts.push('');
  for (const licence of about.licenses ?? []) {
    const crates = (licence.used_by ?? []).map((u) => `${u.crate.name} ${u.crate.version}`);
    parts.push(RULE, `${licence.name} (${licence.id})`, `Used by: ${crates.join(', ')}`, RULE, '', licence.text.trim(), '');
  }

  parts.push(RULE, 'npm packages bundled into the user interface', RULE, '');
  for (const p of npmLicences()) {
    parts.push(RULE, `${p.name} ${p.version} (${p.licence})`, RULE, '');
    if (p.texts.length === 0) {
      parts.push(
        `The package ships no licence file; its package.json declares ${p.licence}${p.author ? `, author ${p.author}` : ''}.`,
        `It is used under the MIT licence, whose text is reproduced for Dossier at the top of this file,`,
        `with ${p.author ?? 'its authors'} as the copyright holder.`,
        '',
      );
    }
    for (const text of p.texts) parts.push(text, '');
  }
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
