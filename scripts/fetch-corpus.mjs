#!/usr/bin/env node
// Fetches third-party Go binaries shipped in npm packages into .corpus/npm/ (gitignored), for the
// build-info parity tests and the inspect benchmark. Uses `npm pack` (the ordinary client) and
// unpacks each tarball with the system tar. Idempotent: a package already unpacked is skipped.
//   node scripts/fetch-corpus.mjs           the full list (42 packages, 625 MB unpacked; 38–64 s cold)
//   node scripts/fetch-corpus.mjs --small   7 packages, one per format family (70 MB; 6 s cold)
// Tests that need the corpus skip with a message when it is absent, and fail when CI is set.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const out = join(root, '.corpus', 'npm');
mkdirSync(out, { recursive: true });

// esbuild: its Go version moves with its releases (0.14.0 was built with Go 1.17: the pre-1.18
// pointer format; 0.27 and later ship binaries without a readable .go.buildinfo).
const SMALL = [
  'esbuild-linux-64@0.14.0',
  '@esbuild/linux-x64@0.19.12',
  '@esbuild/linux-x64@0.27.0',
  '@esbuild/win32-x64@0.25.0',
  '@esbuild/darwin-arm64@0.25.0',
  '@esbuild/aix-ppc64@0.25.0',
  'esbuild-wasm@0.25.0',
];
const FULL = [
  ...SMALL,
  'esbuild-windows-32@0.14.0',
  'esbuild-darwin-64@0.14.0',
  '@esbuild/linux-x64@0.21.5',
  '@esbuild/linux-x64@0.25.0',
  '@esbuild/linux-x64@0.28.2',
  '@esbuild/linux-arm64@0.25.0',
  '@esbuild/linux-arm64@0.27.0',
  '@esbuild/linux-arm@0.25.0',
  '@esbuild/linux-ia32@0.25.0',
  '@esbuild/linux-s390x@0.25.0',
  '@esbuild/linux-s390x@0.27.0',
  '@esbuild/linux-ppc64@0.25.0',
  '@esbuild/linux-mips64el@0.25.0',
  '@esbuild/linux-riscv64@0.25.0',
  '@esbuild/linux-loong64@0.25.0',
  '@esbuild/darwin-x64@0.25.0',
  '@esbuild/darwin-x64@0.27.0',
  '@esbuild/darwin-arm64@0.28.2',
  '@esbuild/win32-x64@0.27.0',
  '@esbuild/win32-ia32@0.25.0',
  '@esbuild/win32-arm64@0.25.0',
  '@esbuild/aix-ppc64@0.27.0',
  '@esbuild/freebsd-x64@0.25.0',
  '@esbuild/freebsd-x64@0.27.0',
  '@esbuild/freebsd-arm64@0.25.0',
  '@esbuild/netbsd-x64@0.25.0',
  '@esbuild/openbsd-x64@0.25.0',
  '@esbuild/sunos-x64@0.25.0',
  'esbuild-wasm@0.27.0',
  '@bufbuild/buf-linux-x64@1.50.0',
  '@bufbuild/buf-darwin-arm64@1.53.0',
  '@bufbuild/buf-win32-x64@1.53.0',
  'lefthook-linux-x64@1.11.0',
  'lefthook-windows-x64@1.11.0',
  'lefthook-darwin-arm64@1.11.0',
];

const list = process.argv.includes('--small') ? SMALL : FULL;
const started = Date.now();
let fetched = 0;
let failed = 0;
for (const spec of list) {
  const dir = join(out, spec.replace(/^@/, '').replace(/[/@]/g, '_'));
  if (existsSync(join(dir, 'package'))) continue;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const name = execFileSync('npm', ['pack', '--silent', spec, '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', join(dir, name), '-C', dir]);
    rmSync(join(dir, name));
    fetched++;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    failed++;
    console.error(`fetch-corpus: ${spec}: ${String(error.stderr || error.message).trim().split('\n').filter(Boolean).slice(0, 2).join(' ')}`);
  }
}
console.log(`fetch-corpus: ${fetched} fetched, ${failed} failed, ${readdirSync(out).length} in .corpus/npm, ${((Date.now() - started) / 1000).toFixed(1)} s`);
// A package that could not be fetched fails the run: CI must not pass on a partial corpus.
if (failed > 0) process.exitCode = 1;
