// Builds the Go fixture binaries of the build-info tests, the rule fixtures and the inspect
// benchmark with the machine's Go, into .corpus/go/<hash>/ (gitignored). Nothing is hand-made: every
// binary comes from `go build` on test/fixtures/go/ (and, for stripped section headers, from
// llvm-objcopy; for a universal Mach-O, from llvm-lipo — skipped with a reason when absent).
// A build is cached by a hash of its spec, the fixture sources and `go version`; builds run two at a
// time (CI has 2 cores). Usage from JS/TS: `await buildGoFixtures(['linux-amd64', …])`; from the
// shell: `node scripts/go-fixtures.mjs [NAME...]` prints name → path (or why it was skipped).
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const SOURCES = join(root, 'test', 'fixtures', 'go');
const CACHE = join(root, '.corpus', 'go');

const HELLO = 'hello';
const NET = 'hello/cmd/netcheck';

/**
 * The fixtures. `dir`: package directory under test/fixtures/go (the module root is `hello`);
 * `env`: added to the environment; `args`: extra `go build` arguments; `post`: a step on the output.
 */
export const GO_FIXTURES = {
  'linux-amd64': { dir: HELLO, env: { CGO_ENABLED: '1' } },
  'linux-amd64-nocgo': { dir: HELLO, env: { CGO_ENABLED: '0' } },
  'linux-amd64-tags-experiment': { dir: HELLO, env: { CGO_ENABLED: '0', GOEXPERIMENT: 'jsonv2' }, args: ['-tags=prod,netgo'] },
  'linux-amd64-trimpath': { dir: HELLO, env: { CGO_ENABLED: '1' }, args: ['-trimpath', '-ldflags=-s -w'] },
  'linux-amd64-ldflags': { dir: HELLO, env: { CGO_ENABLED: '0' }, args: ['-ldflags=-X "main.flavour=with space" -X main.q="quoted"'] },
  'linux-amd64-race': { dir: HELLO, env: { CGO_ENABLED: '1' }, args: ['-race'] },
  // -asan needs cgo and a C compiler with AddressSanitizer (gcc's libasan); -msan needs clang, absent here.
  'linux-amd64-asan': { dir: HELLO, env: { CGO_ENABLED: '1' }, args: ['-asan'] },
  'linux-amd64-debug': { dir: HELLO, env: { CGO_ENABLED: '0' }, args: ['-gcflags=all=-N -l'] },
  'linux-amd64-v3': { dir: HELLO, env: { CGO_ENABLED: '0', GOAMD64: 'v3' } },
  'linux-amd64-netcgo': { dir: NET, env: { CGO_ENABLED: '1' } },
  'linux-amd64-netgo': { dir: NET, env: { CGO_ENABLED: '0' } },
  'linux-amd64-stripped-sections': { dir: HELLO, env: { CGO_ENABLED: '0' }, post: 'strip-section-headers' },
  'linux-386': { dir: HELLO, env: { GOOS: 'linux', GOARCH: '386', CGO_ENABLED: '0' } },
  'linux-arm': { dir: HELLO, env: { GOOS: 'linux', GOARCH: 'arm', GOARM: '6', CGO_ENABLED: '0' } },
  'linux-s390x': { dir: HELLO, env: { GOOS: 'linux', GOARCH: 's390x', CGO_ENABLED: '0' } },
  'linux-ppc64': { dir: HELLO, env: { GOOS: 'linux', GOARCH: 'ppc64', CGO_ENABLED: '0' } },
  'linux-mips': { dir: HELLO, env: { GOOS: 'linux', GOARCH: 'mips', CGO_ENABLED: '0' } },
  'windows-amd64': { dir: HELLO, env: { GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '0' }, exe: '.exe' },
  'windows-386': { dir: HELLO, env: { GOOS: 'windows', GOARCH: '386', CGO_ENABLED: '0' }, exe: '.exe' },
  'darwin-amd64': { dir: HELLO, env: { GOOS: 'darwin', GOARCH: 'amd64', CGO_ENABLED: '0' } },
  'darwin-arm64': { dir: HELLO, env: { GOOS: 'darwin', GOARCH: 'arm64', CGO_ENABLED: '0' } },
  'darwin-universal': { lipo: ['darwin-amd64', 'darwin-arm64'] },
  'aix-ppc64': { dir: HELLO, env: { GOOS: 'aix', GOARCH: 'ppc64', CGO_ENABLED: '0' } },
  'plan9-amd64': { dir: HELLO, env: { GOOS: 'plan9', GOARCH: 'amd64', CGO_ENABLED: '0' } },
  'plan9-386': { dir: HELLO, env: { GOOS: 'plan9', GOARCH: '386', CGO_ENABLED: '0' } },
  'js-wasm': { dir: HELLO, env: { GOOS: 'js', GOARCH: 'wasm', CGO_ENABLED: '0' }, exe: '.wasm' },
  'wasip1-wasm': { dir: HELLO, env: { GOOS: 'wasip1', GOARCH: 'wasm', CGO_ENABLED: '0' }, exe: '.wasm' },
  // GOTOOLCHAIN downloads go1.27.3 through the module proxy on first use.
  'go1.27-linux-amd64': { dir: HELLO, env: { GOTOOLCHAIN: 'go1.27.3', CGO_ENABLED: '0' } },
  'go1.27-linux-amd64-experiment': { dir: HELLO, env: { GOTOOLCHAIN: 'go1.27.3', CGO_ENABLED: '0', GOEXPERIMENT: 'nogreenteagc' }, args: ['-tags=integration'] },
  // The experiment suffix in its pre-1.26 form (`go1.20.1 X:arenas`): a module of its own (`root`),
  // as the godebug block of the hello module is newer than Go 1.20.
  'go1.20-linux-amd64-arenas': { root: 'test/fixtures/go-old', env: { GOTOOLCHAIN: 'go1.20.1', CGO_ENABLED: '0', GOEXPERIMENT: 'arenas' } },
  // Go 1.17 wrote the older blob format (pointers to Go string headers, flags 0x0 or 0x1 for
  // big-endian): little-endian 64-bit and big-endian 32-bit pointers. Go 1.17 knows no
  // -buildvcs, so GOFLAGS is set to a flag it knows (an empty GOFLAGS would fall back to go env -w).
  'go1.17-linux-amd64': { root: 'test/fixtures/go-old', env: { GOTOOLCHAIN: 'go1.17.13', CGO_ENABLED: '0', GOFLAGS: '-mod=readonly' } },
  'go1.17-linux-mips': { root: 'test/fixtures/go-old', env: { GOTOOLCHAIN: 'go1.17.13', GOOS: 'linux', GOARCH: 'mips', CGO_ENABLED: '0', GOFLAGS: '-mod=readonly' } },
};

function hashTree(dir, h) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) hashTree(p, h);
    else h.update(relative(SOURCES, p)).update('\0').update(readFileSync(p)).update('\0');
  }
}

let goVersionCache;
function goVersion() {
  goVersionCache ??= execFileSync('go', ['version'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim();
  return goVersionCache;
}

function hashOf(name) {
  const spec = GO_FIXTURES[name];
  const h = createHash('sha256').update(JSON.stringify(spec)).update(goVersion());
  hashTree(spec.root ? join(root, spec.root) : SOURCES, h);
  return h.digest('hex').slice(0, 16);
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function run(cmd, args, options) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { ...options, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** Where a fixture's binary lives once built (it may not exist yet). */
export function goFixturePath(name) {
  const spec = GO_FIXTURES[name];
  if (!spec) throw new Error(`unknown Go fixture ${name}`);
  return join(CACHE, hashOf(name), `${name}${spec.exe ?? ''}`);
}

async function buildOne(name, results) {
  const spec = GO_FIXTURES[name];
  const out = goFixturePath(name);
  if (existsSync(out)) return (results[name] = { path: out });
  const dir = join(out, '..');
  mkdirSync(dir, { recursive: true });
  const tmp = `${out}.tmp`;
  try {
    if (spec.lipo) {
      const lipo = ['llvm-lipo', 'llvm-lipo-14', 'lipo'].find(has);
      if (!lipo) return (results[name] = { skipped: 'no llvm-lipo to make a universal Mach-O (apt-get install llvm)' });
      const parts = [];
      for (const p of spec.lipo) {
        const r = results[p] ?? (await buildOne(p, results));
        if (!r.path) return (results[name] = { skipped: `needs ${p}: ${r.skipped}` });
        parts.push(r.path);
      }
      await run(lipo, ['-create', ...parts, '-output', tmp]);
    } else {
      const env = { ...process.env, GOFLAGS: '-buildvcs=false', GOTOOLCHAIN: 'local', ...spec.env };
      if (!spec.env.GOEXPERIMENT) delete env.GOEXPERIMENT;
      const moduleRoot = spec.root ? join(root, spec.root) : join(SOURCES, HELLO);
      const pkg = spec.root ? './' : './' + relative(moduleRoot, join(SOURCES, spec.dir));
      await run('go', ['build', '-o', tmp, ...(spec.args ?? []), pkg === './' ? '.' : pkg], { cwd: moduleRoot, env });
      if (spec.post === 'strip-section-headers') {
        // llvm-objcopy --strip-sections drops the section header table and the non-allocated
        // sections, as esbuild's release binaries have none (GNU objcopy 2.40 has no such option).
        const objcopy = ['llvm-objcopy', 'llvm-objcopy-14'].find(has);
        if (!objcopy) {
          rmSync(tmp, { force: true });
          return (results[name] = { skipped: 'no llvm-objcopy to strip section headers (apt-get install llvm)' });
        }
        await run(objcopy, ['--strip-sections', tmp]);
      }
    }
    renameSync(tmp, out);
    return (results[name] = { path: out });
  } catch (error) {
    rmSync(tmp, { force: true });
    return (results[name] = { skipped: `build failed: ${String(error.message).trim().split('\n').slice(0, 3).join(' ')}` });
  }
}

/**
 * Builds the named fixtures (default: all), two at a time. Returns name → { path } or { skipped }.
 * A fixture that cannot be built (no cross-linker, no network for GOTOOLCHAIN) is skipped with a
 * reason, never silently.
 */
export async function buildGoFixtures(names = Object.keys(GO_FIXTURES)) {
  if (!has('go')) return Object.fromEntries(names.map((n) => [n, { skipped: 'no go command on PATH' }]));
  const results = {};
  // Dependencies of universal binaries go first.
  const queue = [...names].sort((a, b) => Number(!!GO_FIXTURES[a]?.lipo) - Number(!!GO_FIXTURES[b]?.lipo));
  const lock = join(CACHE, '.lock');
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(lock, String(process.pid));
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      if (!results[name]) await buildOne(name, results);
    }
  };
  await Promise.all([worker(), worker()]);
  return Object.fromEntries(names.map((n) => [n, results[n]]));
}

/** Copies a built fixture to `dest` (rule fixtures copy binaries into a scratch tree). */
export function copyGoFixture(name, dest) {
  copyFileSync(goFixturePath(name), dest);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const names = process.argv.slice(2);
  const results = await buildGoFixtures(names.length ? names : undefined);
  for (const [n, r] of Object.entries(results)) console.log(`${n.padEnd(32)} ${r.path ? relative(root, r.path) : `skipped: ${r.skipped}`}`);
  console.log(`go-fixtures: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
