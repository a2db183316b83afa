// Shared by the artifact tests: the Go fixture binaries (built once per run into .corpus/go, cached
// by content hash) and the npm corpus (scripts/fetch-corpus.mjs). Outside CI, tests that need Go or
// the corpus skip when it is absent; with CI set (.ci/run installs both) they run and fail instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain JS module without types
import { buildGoFixtures, GO_FIXTURES } from '../../scripts/go-fixtures.mjs';

export const ROOT = join(import.meta.dirname, '..', '..');

/** CI installs Go and fetches the corpus: there a missing prerequisite is a failure, not a skip. */
export const IN_CI = !!process.env.CI && process.env.CI !== 'false';
export const HAS_GO = spawnSync('go', ['version']).status === 0;
/** Skip a Go-dependent suite only outside CI. */
export const SKIP_WITHOUT_GO = !HAS_GO && !IN_CI;

export type Built = Record<string, { path?: string; skipped?: string }>;

let built: Promise<Built> | undefined;
/** Every Go fixture, built once per test process. */
export function goFixtures(): Promise<Built> {
  built ??= buildGoFixtures(Object.keys(GO_FIXTURES)) as Promise<Built>;
  return built;
}

/** Go binaries of the npm corpus (empty when scripts/fetch-corpus.mjs has not run). */
export function corpusFiles(): string[] {
  const dir = join(ROOT, '.corpus', 'npm');
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/^(esbuild|buf|lefthook)(\.exe)?$|\.wasm$/.test(n) && st.size > 100_000) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
