// Rule fixtures: each folder under src/rules/<id>/fixtures/<case>/ is a small project with an
// `expected.txt` listing the findings of that rule, one per line, in the text reporter's plain
// form `path:line:col: message [rule-id]`; a line `/regex/` matches a finding line by pattern
// (actionlint's testdata style). An empty expected.txt means the case must be clean.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { mergeConfig, findConfigFile, loadConfigFile } from '../../src/config/load.js';
import { scan } from '../../src/cli/scan.js';
import { RULE_IDS } from '../../src/rules/index.js';
import type { Finding } from '../../src/core/types.js';

export function plainLine(f: Finding): string {
  const at = f.span.start ? `${f.span.path}:${f.span.start.line}:${f.span.start.column}` : f.span.path;
  return `${at}: ${f.message} [${f.ruleId}]`;
}

/**
 * Fixtures with a `build.json` need Go binaries (and images made of them): the folder is copied to
 * .corpus/rule-fixtures/, the binaries are built with scripts/go-fixtures.mjs (cached) and placed,
 * and images are written with scripts/image-writer.mjs. build.json:
 *   { "binaries": { "bin/app": "<go fixture name>" },
 *     "images": { "release.tar": { "format": "docker" | "oci", "env": [...], "entrypoint": [...],
 *       "layers": [{ "files": [{ "path": "usr/bin/app", "fixture": "<name>" } | { "path", "text" } | { "path", "symlink" }] }] } } }
 */
export async function materialize(dir: string): Promise<string> {
  const spec = join(dir, 'build.json');
  if (!existsSync(spec)) return dir;
  const build = JSON.parse(readFileSync(spec, 'utf8')) as {
    binaries?: Record<string, string>;
    images?: Record<string, { format?: string; env?: string[]; entrypoint?: string[]; layers: Array<{ files: Array<{ path: string; fixture?: string; text?: string; symlink?: string }> }> }>;
  };
  const root = join(import.meta.dirname, '..', '..');
  const out = join(root, '.corpus', 'rule-fixtures', relative(join(root, 'src', 'rules'), dir));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(dir, out, { recursive: true });
  rmSync(join(out, 'build.json'));
  const { buildGoFixtures, goFixturePath } = await import('../../scripts/go-fixtures.mjs');
  const names = new Set<string>(Object.values(build.binaries ?? {}));
  for (const img of Object.values(build.images ?? {})) for (const l of img.layers) for (const f of l.files) if (f.fixture) names.add(f.fixture);
  const built = await buildGoFixtures([...names]);
  for (const [n, r] of Object.entries(built) as Array<[string, { path?: string; skipped?: string }]>) if (!r.path) throw new Error(`Go fixture ${n} for ${dir}: ${r.skipped}`);
  for (const [dest, name] of Object.entries(build.binaries ?? {})) {
    mkdirSync(join(out, dest, '..'), { recursive: true });
    cpSync(goFixturePath(name), join(out, dest));
  }
  const { writeDockerArchive, writeOciLayout } = await import('../../scripts/image-writer.mjs');
  for (const [dest, img] of Object.entries(build.images ?? {})) {
    const layers = img.layers.map((l) => ({
      compression: 'gzip',
      files: l.files.map((f) => (f.fixture ? { path: f.path, from: goFixturePath(f.fixture) } : f.symlink !== undefined ? { path: f.path, symlink: f.symlink } : { path: f.path, data: Buffer.from(f.text ?? '') })),
    }));
    const image = { env: img.env, entrypoint: img.entrypoint, layers };
    mkdirSync(join(out, dest, '..'), { recursive: true });
    if (img.format === 'oci') await writeOciLayout(join(out, dest), [image]);
    else await writeDockerArchive(join(out, dest), image);
  }
  return out;
}

export async function findingsFor(dir: string, ruleId?: string): Promise<Finding[]> {
  dir = await materialize(dir);
  const file = findConfigFile(dir);
  const config = mergeConfig(file ? loadConfigFile(file, RULE_IDS) : {});
  const result = await scan({ root: dir, config, inlineIgnores: true });
  return result.findings.filter((f) => ruleId === undefined || f.ruleId === ruleId);
}

/** Compares a rule's findings on a fixture folder with its expected.txt. */
export async function expectRuleFixture(dir: string, ruleId: string): Promise<void> {
  const expected = readFileSync(join(dir, 'expected.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const actual = (await findingsFor(dir, ruleId)).map(plainLine);
  expect(actual.length, `findings of ${ruleId} in ${dir}:\n${actual.join('\n')}`).toBe(expected.length);
  expected.forEach((line, i) => {
    const got = actual[i]!;
    if (line.startsWith('/') && line.endsWith('/') && line.length > 1) expect(got).toMatch(new RegExp(line.slice(1, -1)));
    else expect(got).toBe(line);
  });
}
