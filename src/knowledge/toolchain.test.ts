// Guards the generated data against the Go toolchains on this machine:
//  1. each toolchain's sources (the machine's Go; Go 1.27.3; Debian's golang-1.19 when
//     installed; the other generated toolchains when the module cache holds them) are re-read
//     with parsers independent of scripts/gen-knowledge — internal/godebugs/table.go,
//     runtime/runtime1.go, godebug.New/Get calls, goexperiment.Flags, buildcfg's validated
//     variables, the error texts rules quote — and must match the generated data, so a new Go
//     release on the machine turns this red until `npm run gen:knowledge` is run;
//  2. defaultGodebug() must print what `go list -f '{{.DefaultGODEBUG}}'` prints for fixture
//     modules, with the machine's Go, Go 1.27.3 when it can be had, and go1.21.0–go1.25.0 when
//     the module cache holds them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATED_TOOLCHAINS, GODEBUG_REMOVED_FATAL_MESSAGE, GODEBUG_REMOVED_FATAL_SINCE, GO_ERROR_TEXTS, compareGoVersions, defaultGodebug, godebugInTable } from './index.js';

function goEnvGoroot(toolchain: string): string | undefined {
  try {
    return execFileSync('go', ['env', 'GOROOT'], {
      env: { ...process.env, GOTOOLCHAIN: toolchain, GOFLAGS: '' },
      cwd: tmpdir(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 240_000,
    }).trim();
  } catch {
    return undefined;
  }
}

const localRoot = goEnvGoroot('local');
const localVersion = localRoot ? readFileSync(join(localRoot, 'VERSION'), 'utf8').split('\n')[0]!.trim() : undefined;

/** Entries of `var All = []Info{…}` in table.go: `{Name: "x", Package: "p", Changed: 21, Old: "1", Opaque: true}`. */
function readTable(src: string): { name: string; package: string; changed?: number; old?: string; opaque?: boolean; immutable?: boolean }[] {
  const start = src.indexOf('var All = []Info{');
  const end = src.indexOf('\n}', start);
  const body = src.slice(start, end);
  const out = [];
  for (const line of body.split('\n')) {
    if (/^\s*\/\//.test(line)) continue;
    const m = /\{(Name:[^}]*)\}/.exec(line);
    if (!m) continue;
    const field = (k: string) => new RegExp(`\\b${k}:\\s*("([^"]*)"|\\w+)`).exec(m[1]!);
    const e: { name: string; package: string; changed?: number; old?: string; opaque?: boolean; immutable?: boolean } = {
      name: field('Name')![2]!,
      package: field('Package')![2]!,
    };
    const ch = field('Changed');
    if (ch) e.changed = Number(ch[1]);
    const old = field('Old');
    if (old && old[2] !== undefined) e.old = old[2];
    if (field('Opaque')?.[1] === 'true') e.opaque = true;
    if (field('Immutable')?.[1] === 'true') e.immutable = true;
    out.push(e);
  }
  return out;
}

/**
 * Names and def fields of `var dbgvars = []*dbgVar{…}` in runtime1.go; before Go 1.21 the
 * entries are positional (`var dbgvars = []dbgVar{{"allocfreetrace", &debug.allocfreetrace}, …}`).
 */
function readDbgvars(src: string): { name: string; def?: string }[] {
  const m = /var dbgvars = \[\]\*?dbgVar\{/.exec(src);
  if (!m) return [];
  const end = src.indexOf('\n}', m.index);
  const body = src.slice(m.index, end);
  const keyed = [...body.matchAll(/\{name: "([^"]+)"[^}]*?(?:def: (\d+))?\}/g)].map((x) => ({ name: x[1]!, ...(x[2] ? { def: x[2] } : {}) }));
  if (keyed.length > 0) return keyed;
  return [...body.matchAll(/\{"([^"]+)", &debug\.\w+\}/g)].map((x) => ({ name: x[1]! }));
}

/**
 * GODEBUG keys passed to godebug.New / godebug.Get in code lines (not comments) of the
 * library and go command, without vendored code, testdata, tests, the runtime and internal/cpu.
 */
function readGodebugCalls(goroot: string): Set<string> {
  let files: string[] = [];
  try {
    files = execFileSync('grep', ['-rlE', '--include=*.go', 'godebug\\.(New|Get)\\(', '.'], { cwd: join(goroot, 'src'), encoding: 'utf8' }).split('\n');
  } catch {
    return new Set();
  }
  const names = new Set<string>();
  for (const f of files) {
    if (!f || f.endsWith('_test.go') || /(^|\/)(testdata|vendor)\//.test(f) || /^\.\/(runtime|internal\/cpu|internal\/godebugs)\//.test(f)) continue;
    for (const line of readFileSync(join(goroot, 'src', f), 'utf8').split('\n')) {
      if (/^\s*\/\//.test(line)) continue;
      for (const m of line.matchAll(/godebug\.(?:New|Get)\("#?([a-z0-9.]+)"\)/g)) names.add(m[1]!);
    }
  }
  return names;
}

function versionOf(root: string | undefined): string | undefined {
  if (!root || !existsSync(join(root, 'VERSION'))) return undefined;
  return readFileSync(join(root, 'VERSION'), 'utf8').split('\n')[0]!.trim();
}

const go127Root = localRoot ? goEnvGoroot('go1.27.3') : undefined;
// Debian's golang-1.19 (`apt-get install golang-1.19`): the one toolchain before internal/godebugs.
const go119Root = existsSync('/usr/lib/go-1.19/VERSION') ? '/usr/lib/go-1.19' : undefined;

/**
 * The other generated toolchains (go1.18, go1.20, go1.21.0 … go1.25.0), only when the Go module
 * cache already holds them (`npm run gen:knowledge` downloads them): the tests never download
 * these, so CI checks them through the committed data alone.
 */
function cachedToolchainRoot(version: string): string | undefined {
  let modcache: string;
  try {
    modcache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '' }, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
  const goos = process.platform === 'win32' ? 'windows' : process.platform;
  const goarch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  const root = join(modcache, 'golang.org', `toolchain@v0.0.1-${version}.${goos}-${goarch}`);
  return existsSync(join(root, 'VERSION')) ? root : undefined;
}

const fixedVersions = new Set([localVersion, 'go1.27.3', versionOf(go119Root) ?? 'go1.19.8']);
const cachedToolchains = GENERATED_TOOLCHAINS.filter((t) => !fixedVersions.has(t.version)).map((t) => ({ version: t.version, root: cachedToolchainRoot(t.version) }));

const sourceChecks: { label: string; root: string | undefined }[] = [
  { label: `the machine's Go (${localVersion ?? 'none'})`, root: localRoot },
  { label: 'Go 1.27.3 (GOTOOLCHAIN=go1.27.3)', root: go127Root },
  { label: "Debian's golang-1.19", root: go119Root },
  ...cachedToolchains.map((c) => ({ label: `${c.version} (Go module cache)`, root: c.root })),
];

for (const sc of sourceChecks) {
  const version = versionOf(sc.root);
  if (!sc.root || !version) {
    it.skip(`${sc.label}: source not on this machine, generated data not re-checked`, () => {});
    continue;
  }
  const root = sc.root;
  describe(`${sc.label} source matches the generated data`, () => {
    const gen = GENERATED_TOOLCHAINS.find((t) => t.version === version);
    it('is in src/knowledge/generated (else run `npm run gen:knowledge`)', () => {
      expect(gen?.version, `no generated data for ${version}: run npm run gen:knowledge`).toBe(version);
    });
    it('internal/godebugs.All is identical (absent before Go 1.21)', () => {
      const path = join(root, 'src/internal/godebugs/table.go');
      if (!existsSync(path)) {
        expect(compareGoVersions(version, '1.21')).toBeLessThan(0);
        expect(gen?.godebugs).toEqual([]);
        return;
      }
      const table = readTable(readFileSync(path, 'utf8'));
      expect(table.length).toBeGreaterThan(15);
      const norm = (e: { name: string; package: string; changed?: number; old?: string; opaque?: boolean; immutable?: boolean }) => ({
        name: e.name,
        package: e.package,
        changed: e.changed ?? 0,
        old: e.old ?? '',
        opaque: !!e.opaque,
        immutable: !!e.immutable,
      });
      expect(gen?.godebugs.map(norm)).toEqual(table.map(norm));
    });
    it('runtime.setTraceback knows the same GOTRACEBACK names', () => {
      const src = readFileSync(join(root, 'src/runtime/runtime1.go'), 'utf8');
      const start = src.indexOf('func setTraceback(level string)');
      const body = src.slice(start, src.indexOf('\n}', start));
      const names = [...body.matchAll(/case ("[^"]*"(?:,\s*"[^"]*")*):/g)].flatMap((m) => [...m[1]!.matchAll(/"([^"]*)"/g)].map((x) => x[1]!));
      expect(names).toContain('crash');
      expect(gen?.tracebackLevels).toEqual(names);
    });
    it('runtime dbgvars are identical', () => {
      const vars = readDbgvars(readFileSync(join(root, 'src/runtime/runtime1.go'), 'utf8'));
      expect(vars.length).toBeGreaterThanOrEqual(15);
      expect(gen?.dbgvars.map((d) => d.name)).toEqual(vars.map((v) => v.name));
      for (const v of vars) if (v.def) expect(gen?.dbgvars.find((d) => d.name === v.name)?.default, v.name).toBe(v.def);
    });
    it('still prints the error texts rule messages quote (GO_ERROR_TEXTS)', () => {
      for (const [id, t] of Object.entries(GO_ERROR_TEXTS)) {
        if (compareGoVersions(version, t.since) < 0) continue;
        expect(readFileSync(join(root, 'src', t.file), 'utf8'), `${id} in ${t.file}`).toContain(t.format);
      }
    });
    it('aborts on a retired GODEBUG at an old value with the message rules quote (Go 1.27+)', () => {
      if (compareGoVersions(version, GODEBUG_REMOVED_FATAL_SINCE) < 0) return;
      const proc = readFileSync(join(root, 'src/runtime/proc.go'), 'utf8');
      // GODEBUG_REMOVED_FATAL_MESSAGE, as runtime/proc.go concatenates it.
      for (const part of ['fatal(`removed GODEBUG "` + k + `" set to old value "` + v + `" in environment (https://go.dev/doc/godebug#go-1` + r + `)`)']) expect(proc).toContain(part);
      expect(GODEBUG_REMOVED_FATAL_MESSAGE).toBe('fatal error: removed GODEBUG "{key}" set to old value "{value}" in environment (https://go.dev/doc/godebug#go-1{minor})');
    });
    it('its go command accepts every generated GOFLAGS name and rejects a made-up one', () => {
      const run = (goflags: string) => {
        try {
          execFileSync(join(root, 'bin', 'go'), ['version'], { cwd: tmpdir(), env: { ...process.env, GOFLAGS: goflags, GOTOOLCHAIN: 'local', GOENV: 'off', GOROOT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
          return '';
        } catch (e) {
          return String((e as { stderr?: Buffer }).stderr ?? '');
        }
      };
      expect(gen?.goFlags.length).toBeGreaterThan(90);
      // Errors after InitGOFLAGS (go version applying -C or -m to itself) are fine; "parsing $GOFLAGS" is not.
      expect(run(gen!.goFlags.map((n) => `-${n}`).join(' '))).not.toContain('parsing $GOFLAGS');
      expect(run('-godriftnosuchflag')).toContain('go: parsing $GOFLAGS: unknown flag -godriftnosuchflag');
    });
    it('internal/goexperiment.Flags has the same fields', () => {
      const src = readFileSync(join(root, 'src/internal/goexperiment/flags.go'), 'utf8');
      const start = src.indexOf('type Flags struct {');
      const body = src.slice(start, src.indexOf('\n}', start));
      const fields = [...body.matchAll(/^\t([A-Z]\w*)\s+bool\b/gm)].map((m) => m[1]!.toLowerCase());
      expect(fields.length).toBeGreaterThanOrEqual(8);
      expect(gen?.experiments.map((e) => e.name)).toEqual(fields);
    });
    it('internal/buildcfg validates the same variables', () => {
      const cfg = readFileSync(join(root, 'src/internal/buildcfg/cfg.go'), 'utf8');
      const names = [...cfg.matchAll(/Errorf\("invalid (GO[A-Z0-9]+):/g)].map((m) => m[1]);
      expect(names.length).toBeGreaterThanOrEqual(5);
      expect(gen?.archVars.map((a) => a.name).sort()).toEqual([...names].sort());
    });
    it('every godebug.New/godebug.Get key of the library and go command is in the generated reads', () => {
      const calls = readGodebugCalls(root);
      expect(calls.size).toBeGreaterThan(5);
      const reads = new Set(gen?.reads.map((r) => r.name));
      expect([...calls].filter((n) => !reads.has(n))).toEqual([]);
    });
  });
}

// ---- defaultGodebug parity with `go list` ----

interface Fixture {
  name: string;
  goLine: string;
  godebug: Record<string, string>;
  directives: Record<string, string>;
}

const FIXTURES: Fixture[] = [
  { name: 'go118', goLine: '1.18', godebug: {}, directives: {} },
  { name: 'go120', goLine: '1.20', godebug: {}, directives: {} },
  { name: 'go121', goLine: '1.21', godebug: {}, directives: {} },
  { name: 'go122', goLine: '1.22', godebug: {}, directives: {} },
  { name: 'go123-godebug-block', goLine: '1.23', godebug: { panicnil: '1', httpcookiemaxnum: '5000', multipathtcp: '3' }, directives: {} },
  // Runs on every toolchain from 1.23; on 1.27 the retired asynctimerchan=1 directive is rejected and left out.
  { name: 'go123-block-and-retired-directive', goLine: '1.23', godebug: { panicnil: '1', x509usepolicies: '0' }, directives: { asynctimerchan: '1' } },
  { name: 'go124', goLine: '1.24', godebug: {}, directives: {} },
  { name: 'go125-directives-only', goLine: '1.25', godebug: {}, directives: { httpcookiemaxnum: '0', tlssha1: '1' } },
  { name: 'go124-directives', goLine: '1.24', godebug: { panicnil: '0' }, directives: { panicnil: '1', default: 'go1.22', randseednop: '1' } },
  { name: 'go126-default-block', goLine: '1.26', godebug: { default: 'go1.21' }, directives: {} },
];

const tmp = mkdtempSync(join(tmpdir(), 'godrift-godebug-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function writeFixture(f: Fixture): string {
  const dir = join(tmp, f.name);
  execFileSync('mkdir', ['-p', dir]);
  const block = Object.keys(f.godebug).length
    ? `\ngodebug (\n${Object.entries(f.godebug).map(([k, v]) => `\t${k}=${v}\n`).join('')})\n`
    : '';
  writeFileSync(join(dir, 'go.mod'), `module example.com/${f.name.replace(/-/g, '')}\n\ngo ${f.goLine}\n${block}`);
  const directives = Object.entries(f.directives).map(([k, v]) => `//go:debug ${k}=${v}\n`).join('');
  writeFileSync(join(dir, 'main.go'), `${directives}\npackage main\n\nfunc main() {}\n`);
  return dir;
}

function goList(dir: string, toolchain: string, gofips140 = 'off'): string {
  return execFileSync('go', ['list', '-f', '{{.DefaultGODEBUG}}', '.'], {
    cwd: dir,
    env: { ...process.env, GOTOOLCHAIN: toolchain, GOFLAGS: '-mod=mod', GOFIPS140: gofips140, GOWORK: 'off' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 240_000,
  }).trim();
}

const toolchains: { label: string; gotoolchain: string; version: string | undefined; available: boolean }[] = [
  { label: `machine's Go (${localVersion ?? 'none'})`, gotoolchain: 'local', version: localVersion, available: !!localRoot },
  { label: 'Go 1.27.3', gotoolchain: 'go1.27.3', version: 'go1.27.3', available: !!go127Root && existsSync(join(go127Root, 'VERSION')) },
  // DefaultGODEBUG exists from Go 1.21; older toolchains have nothing to compare.
  ...cachedToolchains
    .filter((c) => compareGoVersions(c.version, '1.21') >= 0)
    .map((c) => ({ label: `${c.version} (Go module cache)`, gotoolchain: c.version, version: c.version, available: !!c.root })),
];

/** A fixture the toolchain can build as is: go line not newer (no switch), a godebug block only from Go 1.23. */
function applies(f: Fixture, version: string): boolean {
  if (compareGoVersions(f.goLine, version) > 0) return false;
  if (Object.keys(f.godebug).length === 0) return true;
  // go.mod godebug lines need Go 1.23, and an unknown key there makes go.mod unloadable (no DefaultGODEBUG).
  return compareGoVersions(version, '1.23') >= 0 && Object.keys(f.godebug).every((k) => k === 'default' || godebugInTable(k, version));
}

for (const tc of toolchains) {
  if (!tc.available) {
    it.skip(`defaultGodebug parity with ${tc.label}: toolchain not available (no network or not installed)`, () => {});
    continue;
  }
  describe(`defaultGodebug parity with ${tc.label}`, () => {
    // cmd/go/internal/load: GOFIPS140 other than off puts fips140=on first (Go 1.24+).
    if (compareGoVersions(tc.version!, '1.24') >= 0) {
      it('go124-directives with GOFIPS140=latest', () => {
        const f = FIXTURES.find((x) => x.name === 'go124-directives')!;
        const want = goList(writeFixture(f), tc.gotoolchain, 'latest');
        expect(want).toContain('fips140=on');
        expect(defaultGodebug(tc.version!, f.goLine, f.godebug, f.directives, { gofips140: 'latest' })).toBe(want);
      });
    }
    for (const f of FIXTURES) {
      // Go ≤ 1.22 toolchains reject a godebug block; a go line newer than the toolchain would switch toolchains.
      if (!applies(f, tc.version!)) continue;
      it(`${f.name}`, () => {
        const dir = writeFixture(f);
        const want = goList(dir, tc.gotoolchain);
        expect(defaultGodebug(tc.version!, f.goLine, f.godebug, f.directives)).toBe(want);
      });
    }
  });
}

it('every fixture is compared with the machine\'s Go and Go 1.27.3', () => {
  for (const f of FIXTURES) for (const tc of toolchains.slice(0, 2)) if (tc.version) expect(applies(f, tc.version), `${f.name} with ${tc.version}`).toBe(true);
});
