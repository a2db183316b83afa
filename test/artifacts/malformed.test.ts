// Malformed input: truncated files, corrupted headers, offsets and lengths past the end, endless
// varints, a 2 GB sparse file, 10,000 small non-Go files, and thousands of mutated real binaries.
// Each must give a clear error for that file: never a crash (an exception other than
// BuildInfoError), a hang, or an unbounded allocation (reads are capped at MAX_READ).
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { BufferSource, BuildInfoError, readGoBinary, readGoBinaryFile, type ByteSource } from '../../src/artifacts/buildinfo/index.js';
import { MAX_READ } from '../../src/artifacts/buildinfo/source.js';
import { scanArtifacts } from '../../src/artifacts/scan.js';
import { goFixtures, HAS_GO, IN_CI, SKIP_WITHOUT_GO, ROOT, type Built } from './helpers.js';

const hasGo = HAS_GO;
const hasGcc = spawnSync('gcc', ['--version']).status === 0;
let fx: Built = {};
const dir = mkdtempSync(join(tmpdir(), 'godrift-malformed-'));
beforeAll(async () => {
  if (hasGo) fx = await goFixtures();
}, 900_000);

/** A source that records the largest single read, to prove allocations stay bounded. */
class Watched extends BufferSource {
  largest = 0;
  override read(offset: number, length: number): Buffer {
    const b = super.read(offset, length);
    this.largest = Math.max(this.largest, b.length);
    return b;
  }
}

function attempt(buf: Buffer): { ok: boolean; error?: string; src: Watched } {
  const src = new Watched(buf);
  try {
    readGoBinary(src);
    return { ok: true, src };
  } catch (error) {
    if (!(error instanceof BuildInfoError)) throw new Error(`not a BuildInfoError: ${(error as Error).stack}`);
    expect(error.message.length).toBeGreaterThan(0);
    return { ok: false, error: error.message, src };
  }
}

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('malformed build info input', () => {
  it('empty, tiny and unknown files', () => {
    for (const b of [Buffer.alloc(0), Buffer.from('\x7fELF'), Buffer.alloc(100, 0x41), Buffer.from('MZ' + '\0'.repeat(100))]) expect(attempt(b).ok).toBe(false);
  });

  it.skipIf(SKIP_WITHOUT_GO)('truncated binaries of every format', () => {
    for (const n of ['linux-amd64-nocgo', 'linux-386', 'linux-s390x', 'windows-amd64', 'darwin-arm64', 'darwin-universal', 'aix-ppc64', 'plan9-amd64']) {
      const p = fx[n]?.path;
      if (!p) continue;
      const whole = readFileSync(p);
      for (const cut of [16, 64, 200, 1000, 4096, whole.length >> 1, whole.length - 100]) {
        const r = attempt(whole.subarray(0, cut));
        expect(r.src.largest).toBeLessThanOrEqual(MAX_READ);
      }
    }
  });

  it.skipIf(SKIP_WITHOUT_GO)('headers pointing past the end; endless varints', () => {
    const whole = readFileSync(fx['linux-amd64-nocgo']!.path!);
    // e_shoff and e_phoff far past the end.
    const a = Buffer.from(whole);
    a.writeBigUInt64LE(0x7fff_ffff_ffffn, 40);
    expect(attempt(a).error).toMatch(/unrecognized file format \(ELF section headers lies past the end/);
    const a2 = Buffer.from(whole);
    a2.writeBigUInt64LE(0xffff_ffff_ffff_ff00n, 32);
    expect(attempt(a2).error).toMatch(/unrecognized file format/);
    // Section count huge.
    const b = Buffer.from(whole);
    b.writeUInt16LE(0xffff, 60);
    expect(attempt(b).ok).toBe(false);
    // The blob's version length as a varint that never ends.
    const c = Buffer.from(whole);
    const magic = c.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
    c.fill(0xff, magic + 32, magic + 32 + 64);
    const r = attempt(c);
    expect(r.src.largest).toBeLessThanOrEqual(MAX_READ);
    // A length far past the section.
    const d = Buffer.from(whole);
    d[magic + 32] = 0xff;
    d[magic + 33] = 0xff;
    d[magic + 34] = 0x7f;
    // The blob is unusable, so the slow path recovers the same build info from read-only data.
    expect(attempt(d).ok).toBe(true);
    expect(readGoBinary(new BufferSource(d)).method).toBe('rodata-sentinels');
  });

  // Non-Go executables built here by gcc (the C compiler cgo needs): the same error as Go's reader,
  // whose unsigned address test makes PT_GNU_STACK (address 0, no file bytes) match every address
  // past the data segment's file bytes: "not a Go executable" even with megabytes of .bss after it.
  it.skipIf(!hasGcc && !IN_CI)('C programs: the error go version gives, few bytes read', () => {
    const cases: Record<string, string> = {
      'small.c': 'int main(void) { return 0; }\n',
      'big-bss.c': 'static char big[8 << 20];\nint main(int argc, char **argv) { big[argc] = 1; return big[1]; }\n',
    };
    for (const [name, code] of Object.entries(cases)) {
      const c = join(dir, name);
      const exe = c.replace(/\.c$/, '');
      writeFileSync(c, code);
      expect(spawnSync('gcc', ['-O1', '-o', exe, c]).status, `gcc ${name}`).toBe(0);
      const go = spawnSync('go', ['version', '-m', exe], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } });
      expect(go.status).toBe(1);
      let mine = '';
      try {
        readGoBinaryFile(exe);
      } catch (error) {
        mine = (error as Error).message;
      }
      expect(`${exe}: ${mine}\n`, name).toBe(go.stderr);
      expect(mine).toContain('not a Go executable');
    }
  });

  it('a 2 GB sparse file is not read whole', () => {
    const p = join(dir, 'huge.bin');
    const fd = openSync(p, 'w');
    writeFileSync(fd, Buffer.from('\x7fELF\x02\x01\x01' + '\0'.repeat(57), 'latin1'));
    ftruncateSync(fd, 2 * 1024 * 1024 * 1024);
    closeSync(fd);
    const started = Date.now();
    let bytes = 0;
    try {
      bytes = readGoBinaryFile(p).bytesRead;
    } catch (error) {
      expect(error).toBeInstanceOf(BuildInfoError);
    }
    expect(bytes).toBeLessThan(1 << 20);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('10,000 small non-Go files cost little and say nothing', async () => {
    const d = join(dir, 'many');
    mkdirSync(d);
    const files = [];
    for (let i = 0; i < 10_000; i++) {
      const name = i % 3 === 0 ? `f${i}` : i % 3 === 1 ? `f${i}.bin` : `f${i}.txt`;
      const data = i % 5 === 0 ? Buffer.from('\x7fELF' + 'x'.repeat(100)) : Buffer.from(`file ${i} `.repeat(20));
      writeFileSync(join(d, name), data);
      files.push({ path: name, absolutePath: join(d, name), size: data.length });
    }
    const started = Date.now();
    const r = await scanArtifacts(files);
    expect(r.observations).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.skipIf(SKIP_WITHOUT_GO)('thousands of mutated real binaries: clear errors, no crash, bounded reads', () => {
    const seeds = ['linux-amd64-nocgo', 'linux-386', 'linux-ppc64', 'windows-386', 'darwin-amd64', 'darwin-universal', 'aix-ppc64', 'plan9-amd64', 'linux-amd64-stripped-sections']
      .map((n) => fx[n]?.path)
      .filter((p): p is string => !!p)
      .map((p) => readFileSync(p));
    const rand = rng(20260101);
    let ok = 0;
    let failed = 0;
    const started = Date.now();
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const base = seeds[i % seeds.length]!;
      // Mutate headers (most structure lives there) and the build-info blob.
      const m = Buffer.from(base);
      const magic = m.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
      const flips = 1 + Math.floor(rand() * 8);
      for (let f = 0; f < flips; f++) {
        const region = rand();
        const at = region < 0.5 ? Math.floor(rand() * 512) : region < 0.85 && magic >= 0 ? magic + Math.floor(rand() * 64) : Math.floor(rand() * m.length);
        m[at] = rand() < 0.3 ? 0xff : Math.floor(rand() * 256);
      }
      const cut = rand() < 0.1 ? Math.floor(rand() * m.length) : m.length;
      const r = attempt(m.subarray(0, cut));
      expect(r.src.largest).toBeLessThanOrEqual(MAX_READ);
      if (r.ok) ok++;
      else failed++;
    }
    expect(ok + failed).toBe(N);
    // Each attempt is bounded: the whole run stays well under a minute on CI.
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('godrift inspect: a named non-Go file is an error, a directory walk skips it', () => {
    const p = join(dir, 'notes.txt');
    writeFileSync(p, 'hello\n');
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'godrift.js'), ...args], { encoding: 'utf8' });
    const named = cli('inspect', p);
    expect(named.status).toBe(1);
    expect(named.stderr).toContain('could not read Go build info');
    const d = join(dir, 'walk');
    mkdirSync(d);
    writeFileSync(join(d, 'readme'), 'text');
    const walk = cli('inspect', d);
    expect(walk.status).toBe(0);
    expect(walk.stdout + walk.stderr).toBe('');
    expect(cli('inspect', '-v', d).stderr).toContain('readme');
  });
});

export type { ByteSource };
