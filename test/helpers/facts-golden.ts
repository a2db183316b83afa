// Golden files for extractor fixtures. Each fixture folder holds input files and `facts.json`:
// the observations and diagnostics the extractor must produce, in a compact reviewable form.
// `UPDATE_GOLDEN=1 npx vitest run …` rewrites them; review the diff before committing.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Observation, Span } from '../../src/core/types.js';
import type { Extractor, ExtractResult, SourceContext } from '../../src/sources/types.js';
import { subfolders } from './folders.js';

/** `3:7-3:12` (1-based line:column, end exclusive) or the logical path joined by ` › `. */
export function formatSpan(span: Span): string {
  if (span.start && span.end) return `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`;
  return (span.logical ?? []).join(' › ');
}

export interface CompactFact {
  path: string;
  span: string;
  variable: string;
  key: string | null;
  value: string;
  literal?: false;
  ref?: unknown;
  origin: string;
  scope: string;
  phase: string;
  goVersion?: string;
  variant?: string;
  inheritedFrom?: string;
}

export function compactFact(o: Observation): CompactFact {
  return {
    path: o.span.path,
    span: formatSpan(o.span),
    variable: o.variable,
    key: o.key,
    value: o.value.text,
    ...(o.value.literal ? {} : { literal: false as const }),
    ...(o.value.ref ? { ref: o.value.ref } : {}),
    origin: o.origin,
    scope: o.scope.map((s) => `${s.kind}:${s.name}`).join('/'),
    phase: o.phase,
    ...(o.goVersion !== undefined ? { goVersion: o.goVersion } : {}),
    ...(o.variant !== undefined ? { variant: o.variant } : {}),
    ...(o.inheritedFrom !== undefined ? { inheritedFrom: o.inheritedFrom } : {}),
  };
}

function compactDiagnostic(d: Diagnostic): string {
  return `${d.path}:${d.line ?? '-'}:${d.column ?? '-'}: ${d.severity} [${d.code}] ${d.message}`;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out.sort();
}

/** A SourceContext over a fixture folder. */
export function fixtureContext(root: string): SourceContext {
  const files = walk(root).map((f) => relative(root, f).split(sep).join('/'));
  return {
    allFiles: files,
    readFile(path: string) {
      const full = join(root, path);
      return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
    },
  };
}

/**
 * Runs `extractor` on every file of `fixtureDir` it matches (facts.json excluded) and compares
 * the result with `fixtureDir/facts.json`.
 */
export async function expectFactsGolden(extractor: Extractor, fixtureDir: string): Promise<ExtractResult> {
  const context = fixtureContext(fixtureDir);
  const all: ExtractResult = { observations: [], diagnostics: [] };
  for (const path of context.allFiles) {
    if (path === 'facts.json') continue;
    const text = context.readFile(path) ?? '';
    if (!extractor.matches(path, text.slice(0, 512))) continue;
    const result = await extractor.extract({ path, absolutePath: join(fixtureDir, path), text }, context);
    all.observations.push(...result.observations);
    all.diagnostics.push(...result.diagnostics);
  }
  const actual = {
    facts: all.observations.map(compactFact),
    diagnostics: all.diagnostics.map(compactDiagnostic),
  };
  const goldenPath = join(fixtureDir, 'facts.json');
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(goldenPath, JSON.stringify(actual, null, 2) + '\n');
  } else if (!existsSync(goldenPath)) {
    throw new Error(`${goldenPath} is missing: run with UPDATE_GOLDEN=1, then review it`);
  }
  const expected = JSON.parse(readFileSync(goldenPath, 'utf8'));
  expect(actual).toEqual(expected);
  return all;
}

/** Every fixture folder directly under `fixturesRoot`. */
export function fixtureDirs(fixturesRoot: string): string[] {
  return subfolders(fixturesRoot).map((n) => join(fixturesRoot, n));
}

/**
 * `describe(title)` with one golden test per fixture folder under `fixturesRoot`, named after the
 * folder. `extractor` may depend on the folder; a folder for which `skipReason` gives a reason is
 * skipped, and the reason is shown in the test's name.
 */
export function describeFactsGoldens(
  title: string,
  fixturesRoot: string,
  extractor: Extractor | ((fixtureDir: string) => Extractor),
  skipReason: (fixtureDir: string) => string | undefined = () => undefined,
): void {
  describe(title, () => {
    for (const dir of fixtureDirs(fixturesRoot)) {
      const reason = skipReason(dir);
      it.skipIf(reason !== undefined)(basename(dir) + (reason !== undefined ? ` (skipped: ${reason})` : ''), async () => {
        await expectFactsGolden(typeof extractor === 'function' ? extractor(dir) : extractor, dir);
      });
    }
  });
}
