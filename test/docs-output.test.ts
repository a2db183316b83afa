// docs/output.md shows real output: every example block marked `<!-- golden: FILE -->` must be
// an excerpt of test/golden/reporters/FILE — its lines, in order, each verbatim, with `…` lines
// standing for what is left out. And every format godrift has is described under a heading.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../src/reporters/index.js';

const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'docs', 'output.md'), 'utf8');

interface Excerpt {
  golden: string;
  /** 1-based line of the block's first line in docs/output.md. */
  line: number;
  lines: string[];
}

function excerpts(markdown: string): Excerpt[] {
  const out: Excerpt[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^<!-- golden: (\S+) -->$/.exec(lines[i]!);
    if (!m) continue;
    expect(lines[i + 1], `docs/output.md:${i + 2}: a fenced block must follow the golden marker`).toMatch(/^```/);
    const body: string[] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j] !== '```'; j++) body.push(lines[j]!);
    expect(j < lines.length, `docs/output.md:${i + 2}: unterminated block`).toBe(true);
    out.push({ golden: m[1]!, line: i + 3, lines: body });
  }
  return out;
}

/**
 * Where the excerpt stops matching: the index of the first block line of the first run (lines
 * between `…`) that occurs nowhere, contiguous, after the previous run; undefined when it all
 * matches. A block may start and end anywhere in the golden.
 */
function mismatch(block: string[], golden: string[]): number | undefined {
  let at = 0;
  let k = 0;
  while (k < block.length) {
    if (block[k]!.trim() === '…') {
      k++;
      continue;
    }
    let end = k;
    while (end < block.length && block[end]!.trim() !== '…') end++;
    const run = block.slice(k, end);
    let found = -1;
    for (let g = at; g + run.length <= golden.length && found < 0; g++) {
      if (run.every((line, i) => golden[g + i] === line)) found = g;
    }
    if (found < 0) return k;
    at = found + run.length;
    k = end;
  }
  return undefined;
}

describe('docs/output.md', () => {
  it('has a section for every format', () => {
    const headings = [...doc.matchAll(/^## (\S+)/gm)].map((m) => m[1]);
    for (const format of Object.keys(REPORTERS)) expect(headings, `## ${format}`).toContain(format);
  });

  const blocks = excerpts(doc);
  it('marks an example for every format', () => {
    const goldens = new Set(blocks.map((b) => b.golden));
    for (const file of ['report.txt', 'report.json', 'report.sarif', 'report.github.txt', 'report.md', 'report.junit.xml', 'report.html']) expect(goldens).toContain(file);
  });

  for (const b of blocks) {
    it(`example at docs/output.md:${b.line} is an excerpt of ${b.golden}`, () => {
      const golden = readFileSync(join(root, 'test', 'golden', 'reporters', b.golden), 'utf8').split('\n');
      const bad = mismatch(b.lines, golden);
      expect(bad === undefined ? undefined : `docs/output.md:${b.line + bad}: ${b.lines[bad]}`).toBeUndefined();
    });
  }

  it('the excerpt check notices an edited line', () => {
    expect(mismatch(['a', '…', 'c'], ['a', 'b', 'c'])).toBeUndefined();
    expect(mismatch(['a', 'c'], ['a', 'b', 'c'])).toBe(0);
    expect(mismatch(['a', '…', 'x'], ['a', 'b', 'c'])).toBe(2);
    expect(mismatch(['b', 'a'], ['a', 'b', 'c'])).toBe(0);
    expect(mismatch(['…', 'x', 'c'], ['x', 'b', 'x', 'c'])).toBeUndefined();
  });
});
