import { describe, expect, it } from 'vitest';
import { basename, join } from 'node:path';
import { LineIndex } from '../../core/text.js';
import { compactFact, expectFactsGolden, fixtureDirs } from '../../../test/helpers/facts-golden.js';
import { extractShell, shellScriptExtractor } from './index.js';
import type { ShellContext } from './extract.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('shell extractor fixtures', () => {
  for (const dir of fixtureDirs(fixtures)) {
    it(basename(dir), async () => {
      await expectFactsGolden(shellScriptExtractor, dir);
    });
  }
});

async function facts(text: string, extra: Partial<ShellContext> = {}) {
  const r = await extractShell(text, { path: 'f.sh', lines: new LineIndex(text), scope: [], phase: 'run', ...extra });
  return { facts: r.observations.map(compactFact), diagnostics: r.diagnostics };
}

describe('extractShell positions', () => {
  it('places values after a line continuation and a tab', async () => {
    const { facts: f } = await facts('go build \\\n\t&& GOGC=25 ./app\n');
    expect(f).toMatchObject([{ span: '2:10-2:12', variable: 'GOGC', value: '25', origin: 'shell-assign' }]);
  });

  it('keeps quotes in the span and removes them from the value', async () => {
    const { facts: f } = await facts(`export GOFLAGS="-mod=mod -v" GOTRACEBACK='all'`);
    expect(f.map((x) => [x.span, x.value])).toEqual([
      ['1:16-1:29', '-mod=mod -v'],
      ['1:42-1:47', 'all'],
    ]);
  });

  it('gives each GODEBUG key its own sub-span', async () => {
    const { facts: f } = await facts('GODEBUG=http2client=0,netdns=go ./srv');
    expect(f.map((x) => [x.key, x.span, x.value])).toEqual([
      ['http2client', '1:9-1:22', '0'],
      ['netdns', '1:23-1:32', 'go'],
    ]);
  });

  it('keeps expansions as written and non-literal', async () => {
    const { facts: f } = await facts('export GOMEMLIMIT="${MEM:-512MiB}" GOROOT=$(go env GOROOT)');
    expect(f.map((x) => [x.value, x.literal])).toEqual([
      ['"${MEM:-512MiB}"', false],
      ['$(go env GOROOT)', false],
    ]);
  });

  it('reads bash heredoc bodies as shell and other heredocs as data', async () => {
    const { facts: f } = await facts('cat <<EOF\nGOGC=1\nEOF\nbash <<EOF\n  GOGC=2 ./x\nEOF\n');
    expect(f).toMatchObject([{ span: '5:8-5:9', value: '2' }]);
  });

  it('maps offsets through mapOffset (YAML block scalar indentation)', async () => {
    // Script "export GOGC=5\nGOMAXPROCS=3\n" lives in the file indented by 4 spaces per line.
    const file = 'run: |\n    export GOGC=5\n    GOMAXPROCS=3\n';
    const script = 'export GOGC=5\nGOMAXPROCS=3\n';
    const mapOffset = (o: number) => {
      const line = script.slice(0, o).split('\n').length - 1;
      return 7 + line * 4 + o + 4;
    };
    const r = await extractShell(script, { path: 'w.yml', lines: new LineIndex(file), mapOffset, scope: [{ kind: 'step', name: '1' }], phase: 'test', origin: 'actions-run' });
    expect(r.observations.map(compactFact)).toMatchObject([
      { span: '2:17-2:18', value: '5', origin: 'actions-run', scope: 'step:1', phase: 'test' },
      { span: '3:16-3:17', value: '3', origin: 'actions-run' },
    ]);
  });

  it('uses baseOffset and function scope', async () => {
    const file = 'RUN x\nf() { export GOARCH=arm64; }';
    const { facts: f } = await facts(file.slice(6), { lines: new LineIndex(file), baseOffset: 6 });
    expect(f).toMatchObject([{ span: '2:21-2:26', scope: 'function:f' }]);
  });

  it('reports a syntax error in file coordinates and still reads the rest', async () => {
    const file = 'A\n' + 'export GOGC=7\necho )\nexport GOMAXPROCS=1\n';
    const { facts: f, diagnostics } = await facts(file.slice(2), { lines: new LineIndex(file), baseOffset: 2 });
    expect(diagnostics).toMatchObject([{ code: 'parse-error', line: 3, column: 6 }]);
    expect(f.map((x) => x.variable)).toEqual(['GOGC', 'GOMAXPROCS']);
  });

  it('uses UTF-16 columns after non-ASCII text', async () => {
    const { facts: f } = await facts('echo "héllo ✓"; GOGC=3 x');
    expect(f).toMatchObject([{ span: '1:22-1:23' }]);
  });

  it('never throws on hostile input', async () => {
    for (const text of ['', '((((', '$(', '"', "'", '<<', 'f() {', 'case x in', '${', '`', '\\']) {
      await expect(facts(text)).resolves.toBeDefined();
    }
  });

  it('handles thousands of calls quickly', async () => {
    const text = 'set -e\nexport GODEBUG=a=1,b=2\nif true; then GOGC=50 go build ./...; fi\n'.repeat(3);
    const t0 = performance.now();
    const n = 2000;
    const results = await Promise.all(Array.from({ length: n }, () => facts(text)));
    const perCall = (performance.now() - t0) / n;
    expect(results.every((r) => r.facts.length === 9)).toBe(true);
    console.log(`extractShell: ${perCall.toFixed(2)} ms per call over ${n} calls`);
    expect(perCall).toBeLessThan(20);
  });
});

describe('shellScriptExtractor.matches', () => {
  it.each([
    ['scripts/build.sh', undefined, true],
    ['x.bash', undefined, true],
    ['.envrc', undefined, true],
    ['bin/run', '#!/usr/bin/env bash\n', true],
    ['bin/run', '#!/bin/sh -e\n', true],
    ['bin/run', '#!/usr/bin/env -S zsh -f\n', true],
    ['bin/run', '#!/usr/bin/env python3\n', false],
    ['tool.py', '#!/bin/sh\n', false],
    ['bin/run', 'echo hi\n', false],
    ['Dockerfile', '#!/bin/sh\n', false],
  ])('%s %j → %s', (path, head, expected) => {
    expect(shellScriptExtractor.matches(path, head)).toBe(expected);
  });
});
