// The plain-command fast path (isPlainCommandList) must never hide a syntax error: every script
// it accepts is checked against the real parser (mvdan/sh in WebAssembly).
import { describe, expect, it } from 'vitest';
import { checkShellSyntax, isPlainCommandList } from './syntax.js';

/** Deterministic PRNG (mulberry32), so a failure names a reproducible script. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'go', 'test', 'build', './...', '-o', '/out/app', 'A=1', 'GOFLAGS=-mod=mod', 'x+=y', '=', '-', '--',
  'if', 'then', 'fi', 'do', 'done', 'in', 'case', 'esac', 'for', 'while', 'time', '{', '}', '!', '[[', ']]',
  'let', 'export', 'declare', 'local', 'i', 'f', 'th', 'en', 'e', 'sac',
  '&&', '||', '|', ';', '&', ';;', '|&', '(', ')', '$(', '`', '"', "'", '#', '>', '<', '2>&1', '\\', '*', '?', '~',
  ' ', ' ', ' ', '\t', '\n', '\n', '\\\n', '\r', 'é',
];

describe('isPlainCommandList', () => {
  it('accepts common CI steps and RUN lines', () => {
    for (const s of ['go test ./services/svc-0001/...', 'go build -o /out/app ./cmd/app', 'apt-get update && apt-get install -y git \\\n  make', 'a | b; c &\nd', '', '  \n']) {
      expect(isPlainCommandList(s), s).toBe(true);
    }
  });

  it('refuses what the parser may reject', () => {
    for (const s of ['if true', 'a &&', '&& a', 'a ;; b', 'echo "x"', 'export A=1', 'i\\\nf x', 'a |& b', 'echo $A', 'a\r']) {
      expect(isPlainCommandList(s), s).toBe(false);
    }
  });

  it('never accepts a script the parser rejects (generated scripts)', async () => {
    const next = rng(20240607);
    let accepted = 0;
    let rejectedByParser = 0;
    for (let n = 0; n < 3000; n++) {
      const len = 1 + Math.floor(next() * 12);
      let s = '';
      for (let i = 0; i < len; i++) s += PIECES[Math.floor(next() * PIECES.length)]!;
      if (!isPlainCommandList(s)) {
        continue;
      }
      accepted++;
      const r = await checkShellSyntax(s);
      if (r.error) rejectedByParser++;
      expect(r.error, JSON.stringify(s)).toBeUndefined();
    }
    expect(rejectedByParser).toBe(0);
    expect(accepted).toBeGreaterThan(100);
  }, 60_000);
});

describe('checkShellSyntax on hostile nesting', () => {
  it('reports 20,000 nested subshells as too deep, and parses the next script normally', async () => {
    const deep = await checkShellSyntax(`${'('.repeat(20_000)}true${')'.repeat(20_000)}\n`);
    expect(deep.error).toEqual({ offset: 0, message: 'nested too deeply for the shell parser' });
    const next = await checkShellSyntax('export GOGC=50\nif then fi\n');
    expect(next.error?.message).toBe('`if` must be followed by a statement list');
    expect((await checkShellSyntax('export GOGC=50\n')).error).toBeUndefined();
  });
});
