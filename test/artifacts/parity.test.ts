// Parity with `go version -m` and `go version -m -json`: for every binary Go can read (the Go
// fixtures built here and the npm corpus when fetched), godrift prints the same bytes. Binaries
// Go cannot read but godrift can (WebAssembly, esbuild ≥ 0.27, Plan 9 386, AIX) are checked for
// what godrift recovers and how it says it got it.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { goVersionMJson, goVersionMText, readGoBinaryFile } from '../../src/artifacts/buildinfo/index.js';
import { corpusFiles, goFixtures, HAS_GO, IN_CI, ROOT, SKIP_WITHOUT_GO, type Built } from './helpers.js';

const goEnv = { ...process.env, GOTOOLCHAIN: 'local' };

function goVersionM(file: string, json = false): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('go', ['version', '-m', ...(json ? ['-json'] : []), file], { encoding: 'utf8', env: goEnv });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let fixtures: Built = {};
beforeAll(async () => {
  if (HAS_GO) fixtures = await goFixtures();
}, 900_000);

function checkParity(file: string): 'same' | 'go-cannot' {
  const text = goVersionM(file);
  if (text.status !== 0) return 'go-cannot';
  const b = readGoBinaryFile(file);
  expect(goVersionMText(file, b.info)).toBe(text.stdout);
  expect(goVersionMJson(b.info) + '\n').toBe(goVersionM(file, true).stdout);
  expect(['buildinfo-section', 'writable-segment']).toContain(b.method);
  return 'same';
}

describe.skipIf(SKIP_WITHOUT_GO)('go version -m parity on fixtures built with the machine Go', () => {
  it('every fixture was built or skipped with a reason', () => {
    for (const [name, r] of Object.entries(fixtures)) {
      if (!r.path) console.warn(`fixture ${name} skipped: ${r.skipped}`);
      expect(r.path ?? r.skipped).toBeTruthy();
    }
    // The core set must build wherever Go runs.
    for (const n of ['linux-amd64-nocgo', 'linux-386', 'linux-s390x', 'windows-amd64', 'darwin-arm64', 'aix-ppc64', 'plan9-amd64', 'js-wasm']) expect(fixtures[n]?.path, n).toBeTruthy();
  });

  it('prints exactly what go version -m prints (text and -json)', () => {
    const readable = Object.entries(fixtures).filter(([n, r]) => r.path && !/wasm|plan9-386/.test(n));
    expect(readable.length).toBeGreaterThan(15);
    for (const [name, r] of readable) expect(checkParity(r.path!), name).toBe('same');
  });

  it('reads the experiment suffix, quoted build values and the 1.27 toolchain', () => {
    const exp = readGoBinaryFile(fixtures['linux-amd64-tags-experiment']!.path!);
    expect(exp.info.GoVersion).toBe('go1.26.8-X:jsonv2');
    expect(exp.version.experiments).toEqual(['jsonv2']);
    const ld = readGoBinaryFile(fixtures['linux-amd64-ldflags']!.path!);
    expect(goVersionMText('x', ld.info)).toContain('build\t-ldflags="-X \\"main.flavour=with space\\" -X main.q=\\"quoted\\""');
    // The pre-1.26 form, from a real Go 1.20.1 build (space before X:).
    const old = fixtures['go1.20-linux-amd64-arenas']?.path;
    if (old || IN_CI) {
      expect(old, 'go1.20-linux-amd64-arenas built (GOTOOLCHAIN=go1.20.1 from the module proxy)').toBeTruthy();
      const b = readGoBinaryFile(old!);
      expect(b.info.GoVersion).toBe('go1.20.1 X:arenas');
      expect(b.version).toEqual({ release: 'go1.20.1', experiments: ['arenas'], devel: false });
    }
    if (fixtures['go1.27-linux-amd64-experiment']?.path) {
      const g = readGoBinaryFile(fixtures['go1.27-linux-amd64-experiment'].path);
      expect(g.version.release).toBe('go1.27.3');
      expect(g.version.experiments).toEqual(['nogreenteagc']);
    }
  });

  it("Go 1.17's pointer format: 64-bit little-endian and 32-bit big-endian pointers", () => {
    const cases: Array<[string, { ptrSize: number; bigEndian: boolean }]> = [
      ['go1.17-linux-amd64', { ptrSize: 8, bigEndian: false }],
      ['go1.17-linux-mips', { ptrSize: 4, bigEndian: true }],
    ];
    for (const [name, layout] of cases) {
      const p = fixtures[name]?.path;
      if (!p && !IN_CI) continue; // go1.17.13 not downloadable here (skip reason printed above)
      expect(p, `${name} built (GOTOOLCHAIN=go1.17.13 from the module proxy)`).toBeTruthy();
      const b = readGoBinaryFile(p!);
      expect(b.pointers, name).toEqual(layout);
      expect(b.info.GoVersion, name).toBe('go1.17.13');
      expect(b.info.Path, name).toBe('example.com/old');
      expect(checkParity(p!), name).toBe('same');
    }
    // The 1.18+ inline format has no pointers.
    expect(readGoBinaryFile(fixtures['linux-mips']!.path!).pointers).toBeUndefined();
  });

  it('reads the fast path with few bytes', () => {
    for (const n of ['linux-amd64', 'linux-s390x', 'darwin-arm64', 'windows-amd64', 'linux-mips']) {
      const b = readGoBinaryFile(fixtures[n]!.path!);
      expect(b.bytesRead, n).toBeLessThan(8192);
    }
  });

  it('stripped section headers: the writable segment, as Go 1.26 reads it', () => {
    const p = fixtures['linux-amd64-stripped-sections']?.path;
    if (!p) return;
    expect(readGoBinaryFile(p).method).toBe('writable-segment');
  });

  it("Go 1.27.3's reader: the same text where it reads, and no writable-segment fallback any more", () => {
    if (!fixtures['go1.27-linux-amd64']?.path) return; // go1.27.3 not downloadable here (skip reason printed above)
    const go127 = (file: string) => spawnSync('go', ['version', '-m', file], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'go1.27.3' } });
    for (const n of ['linux-amd64', 'linux-s390x', 'windows-386', 'darwin-universal', 'go1.27-linux-amd64-experiment']) {
      const p = fixtures[n]?.path;
      if (!p) continue;
      const r = go127(p);
      expect(r.status, n).toBe(0);
      expect(goVersionMText(p, readGoBinaryFile(p).info), n).toBe(r.stdout);
    }
    const stripped = fixtures['linux-amd64-stripped-sections']?.path;
    if (stripped) {
      const r = go127(stripped);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('not a Go executable');
    }
  });

  it('ground truth for godebug-retired-value on artifacts: the Go 1.27.3 fixture aborts on a retired old value, the Go 1.26.8 one runs', () => {
    // Our own fixture binaries (never anything from a scanned tree) run for their exit status.
    const p127 = fixtures['go1.27-linux-amd64']?.path;
    const p126 = fixtures['linux-amd64-nocgo']!.path!;
    const env = { ...process.env, GODEBUG: 'tlsrsakex=1' };
    expect(spawnSync(p126, [], { encoding: 'utf8', env }).status).toBe(0);
    if (!p127) return;
    const r = spawnSync(p127, [], { encoding: 'utf8', env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('fatal error: removed GODEBUG "tlsrsakex" set to old value "1" in environment');
  });

  it('reads what go version cannot: WebAssembly and Plan 9 386', () => {
    for (const n of ['js-wasm', 'wasip1-wasm']) {
      const p = fixtures[n]?.path;
      if (!p) continue;
      expect(goVersionM(p).status).toBe(1);
      const b = readGoBinaryFile(p);
      expect(b.method).toBe('wasm-data');
      expect(b.info.GoVersion).toBe('go1.26.8');
      expect(b.info.Path).toBe('example.com/hello');
    }
    const p9 = fixtures['plan9-386']?.path;
    if (p9) {
      const b = readGoBinaryFile(p9);
      expect(b.method).toBe('data-unaligned');
      expect(b.info.Path).toBe('example.com/hello');
    }
  });

  it('dynamic cgo binaries carry their ELF interpreter', () => {
    expect(readGoBinaryFile(fixtures['linux-amd64-netcgo']!.path!).interpreter).toMatch(/ld-linux/);
    expect(readGoBinaryFile(fixtures['linux-amd64-netgo']!.path!).interpreter).toBeUndefined();
  });

  it('the CLI prints the same text and JSON', () => {
    const p = fixtures['linux-amd64-nocgo']!.path!;
    const r = spawnSync(process.execPath, [`${ROOT}/bin/godrift.js`, 'inspect', p], { encoding: 'utf8' });
    const goText = goVersionM(p).stdout;
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('# ')).join('\n')).toBe(goText);
    const j = spawnSync(process.execPath, [`${ROOT}/bin/godrift.js`, 'inspect', '--json', p], { encoding: 'utf8' });
    const mine = JSON.parse(j.stdout);
    expect(mine.Godrift.method).toBe('buildinfo-section');
    delete mine.Godrift;
    expect(mine).toEqual(JSON.parse(goVersionM(p, true).stdout));
    // A universal Mach-O: Go's object for the first architecture, and every architecture listed.
    const fat = fixtures['darwin-universal']?.path;
    if (fat) {
      const u = JSON.parse(spawnSync(process.execPath, [`${ROOT}/bin/godrift.js`, 'inspect', '--json', '--no-findings', fat], { encoding: 'utf8' }).stdout);
      expect(u.Godrift.fatArches).toEqual(['amd64', 'arm64']);
      expect(u.Godrift.format).toBe('macho-fat');
      delete u.Godrift;
      expect(u).toEqual(JSON.parse(goVersionM(fat, true).stdout));
    }
  });
});

const corpus = corpusFiles();
const SKIP_CORPUS = (!HAS_GO || corpus.length === 0) && !IN_CI;
describe.skipIf(SKIP_CORPUS)('go version -m parity on the npm corpus', () => {
  // In CI (.ci/run fetches it) an absent corpus fails here instead of skipping silently.
  it('the corpus is present (node scripts/fetch-corpus.mjs)', () => {
    expect(HAS_GO, 'go is on PATH').toBe(true);
    expect(corpus.length, 'binaries under .corpus/npm').toBeGreaterThanOrEqual(7);
  });

  const goReadable: string[] = [];
  it('in process: identical on every binary Go reads, recovered where Go cannot', () => {
    let recovered = 0;
    for (const f of corpus) {
      if (checkParity(f) === 'same') {
        expect(readGoBinaryFile(f).goReadable, f).toBe(true);
        goReadable.push(f);
        continue;
      }
      let b;
      try {
        b = readGoBinaryFile(f);
      } catch {
        continue; // esbuild-wasm's bin/esbuild is a JS launcher
      }
      recovered++;
      // What Go cannot read must say so (the inspect note and the JSON's goReadable rely on it).
      expect(b.goReadable, f).toBe(false);
      expect(b.info.GoVersion, f).toMatch(/^go1\.\d+\.\d+$/);
      expect(b.info.Path, f).toMatch(/^github\.com\/[a-z]+\/[a-z]+\/cmd\/[a-z]+$/);
      expect(b.info.Main.Path, f).toMatch(/^github\.com\//);
      expect(b.info.Settings.length, f).toBeGreaterThan(3);
      const expected = f.endsWith('.wasm') ? ['wasm-data'] : /aix/.test(f) && !/0\.2[7-9]/.test(f) ? ['buildinfo-section'] : ['rodata-sentinels'];
      expect(expected, f).toContain(b.method);
    }
    console.log(`npm corpus: ${goReadable.length} identical to go version -m, ${recovered} read where Go cannot`);
    expect(goReadable.length).toBeGreaterThanOrEqual(4); // --small has 4 binaries Go reads
  });

  it('the CLI over the whole corpus in one run: the same stdout as go version -m (text and -json)', () => {
    expect(goReadable.length).toBeGreaterThan(0);
    const cli = (args: string[]) => spawnSync(process.execPath, [`${ROOT}/bin/godrift.js`, 'inspect', ...args, ...goReadable], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const goText = spawnSync('go', ['version', '-m', ...goReadable], { encoding: 'utf8', env: goEnv, maxBuffer: 1 << 28 }).stdout;
    const text = cli(['--no-findings']);
    expect(text.status).toBe(0);
    expect(text.stdout).toBe(goText);
    // With findings: the same text once godrift's own `# ` lines are dropped.
    const withFindings = cli([]);
    expect(withFindings.stdout.split('\n').filter((l) => !l.startsWith('# ')).join('\n')).toBe(goText);
    const goJson = spawnSync('go', ['version', '-m', '-json', ...goReadable], { encoding: 'utf8', env: goEnv, maxBuffer: 1 << 28 }).stdout;
    const json = cli(['--json', '--no-findings']);
    // Each object is Go's, byte for byte, plus a last "Godrift" member (indented one level deeper).
    const godriftMember = /,\n\t"Godrift": \{\n(?:\t\t.*\n)*\t\}\n\}\n/g;
    expect(json.stdout.match(godriftMember)?.length).toBe(goReadable.length);
    expect(json.stdout.replace(godriftMember, '\n}\n')).toBe(goJson);
  });
});
describe.skipIf(SKIP_CORPUS)('go version -m parity on a directory walk', () => {
  it('godrift inspect DIR prints what go version -m DIR prints, plus the binaries only godrift reads', () => {
    const dir = `${ROOT}/.corpus/npm`;
    const goText = spawnSync('go', ['version', '-m', dir], { encoding: 'utf8', env: goEnv, maxBuffer: 1 << 28 }).stdout;
    const mine = spawnSync(process.execPath, [`${ROOT}/bin/godrift.js`, 'inspect', '--no-findings', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(mine.status).toBe(0);
    expect(mine.stderr).toBe(''); // non-Go files in a walk are skipped silently, as Go does
    // Blocks start at a line naming a file; those godrift alone reads end with its note.
    const blocks = mine.stdout.split(/\n(?=[^\t#])/);
    const extra = blocks.filter((b) => b.includes('\n# godrift: read by '));
    expect(extra.length).toBeGreaterThanOrEqual(IN_CI ? 2 : 0);
    expect(blocks.filter((b) => !extra.includes(b)).join('\n')).toBe(goText);
  });
});
if (corpus.length === 0 && !IN_CI) console.warn('npm corpus absent: run node scripts/fetch-corpus.mjs for the third-party parity test');
