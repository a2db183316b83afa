import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFactsGoldens } from '../../../test/helpers/facts-golden.js';
import { extractGoSource, foldInt, goSourceExtractor, holdsNoGoFacts, bytesHoldNoGoFacts } from './index.js';
import { lexGo } from './lexer.js';

const here = dirname(fileURLToPath(import.meta.url));

describeFactsGoldens('gosource extractor fixtures', join(here, 'fixtures'), goSourceExtractor);

describe('gosource details', () => {
  it('skips testdata and vendor', () => {
    expect(goSourceExtractor.matches('cmd/api/main.go')).toBe(true);
    expect(goSourceExtractor.matches('pkg/testdata/x.go')).toBe(false);
    expect(goSourceExtractor.matches('vendor/golang.org/x/net/http2/h2.go')).toBe(false);
  });
  it('folds integer constant expressions as Go does', () => {
    const fold = (s: string): bigint | undefined => foldInt(lexGo(s));
    expect(fold('1 << 30')).toBe(1073741824n);
    expect(fold('512 * 1024 * 1024')).toBe(536870912n);
    expect(fold('1 + 2*3')).toBe(7n);
    expect(fold('(1 + 2) * 3')).toBe(9n);
    expect(fold('0x10 | 0b1')).toBe(17n);
    expect(fold('1_000')).toBe(1000n);
    expect(fold('int64(3) << 30')).toBe(3221225472n);
    expect(fold('limit')).toBeUndefined();
    expect(fold('1.5')).toBeUndefined();
    expect(fold('2 <<')).toBeUndefined();
  });
  it('spans the key=value of a directive and the argument of a call', () => {
    const text = 'package main\n\nimport "runtime/debug"\n\nfunc init() { debug.SetGCPercent( 50 ) }\n';
    const [o] = extractGoSource('main.go', text).observations;
    expect(o).toMatchObject({ variable: 'GOGC', value: { text: '50', literal: true }, phase: 'run' });
    expect(text.slice(o!.span.start!.offset, o!.span.end!.offset)).toBe('50');
  });
  it('ignores a package-level identifier that shadows nothing it knows', () => {
    const text = 'package main\n\nfunc main() { debug.SetGCPercent(50) }\n';
    expect(extractGoSource('main.go', text).observations).toEqual([]);
  });
});

describe('gosource fast path (holdsNoGoFacts)', () => {
  const full = (path: string, text: string) => extractGoSource(path, text);
  const fast = (path: string, text: string) => goSourceExtractor.extract({ path, absolutePath: `/${path}`, text }, { allFiles: [], readFile: () => undefined });

  it('gives the same facts and diagnostics as the full lexer on edge cases', () => {
    const cases = [
      'package main\n',
      'package main',
      '\uFEFFpackage main\n',
      '// Copyright\n/* block\n */\npackage foo // x\n',
      'package\nmain\n',
      'package /* c */ main\n',
      'package mäin\n',
      'package main2;\n',
      '/* unterminated\npackage main\n',
      'func main() {}\n',
      '',
      '//go:debug panicnil=1\npackage main\n',
      'package main\nimport "os"\nfunc init() { os.Setenv("GOGC", "off") }\n',
      'package main\nimport "runtime"\nfunc init() { runtime.GOMAXPROCS(2) }\n',
      'package main\n// mentions SetGCPercent in a comment only\n',
      '{{ .Values.x }}\npackage main\n',
    ];
    for (const text of cases) expect(fast('x.go', text), JSON.stringify(text)).toEqual(full('x.go', text));
    // The byte-level prefilter the scan uses before decoding agrees with the text one.
    const long = [
      `// ${'x'.repeat(70_000)}\npackage main\n`,
      `package main\n// ${'y'.repeat(70_000)}\n`,
      `package main\n// ${'y'.repeat(70_000)}\nfunc init() { debug.SetGCPercent(5) }\n`,
      'package main\n\xff\xfe//go:debug x=1\n',
    ];
    // The byte check may only be more careful: true must imply true.
    for (const text of [...cases, ...long]) if (bytesHoldNoGoFacts(Buffer.from(text))) expect(holdsNoGoFacts(text), JSON.stringify(text.slice(0, 60))).toBe(true);
    expect(bytesHoldNoGoFacts(Buffer.from(long[0]!))).toBe(true);
    expect(bytesHoldNoGoFacts(Buffer.from(long[2]!))).toBe(false);
    // A byte-order mark: the text check skips it, the byte check leaves the file to the lexer.
    expect(bytesHoldNoGoFacts(Buffer.from('\uFEFFpackage main\n'))).toBe(false);
    // Invalid UTF-8 before a marker does not hide it.
    expect(bytesHoldNoGoFacts(Buffer.concat([Buffer.from('package main\n// '), Buffer.from([0xff, 0xc3]), Buffer.from('//go:debug x=1\n')]))).toBe(false);
  });

  it('gives the same result as the full lexer on every Go file of the repository and a GOROOT sample', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const files: string[] = [];
    const walk = (dir: string, limit: number): void => {
      let entries: string[];
      try {
        entries = readdirSync(dir).sort();
      } catch {
        return;
      }
      for (const e of entries) {
        if (files.length >= limit) return;
        if (e === 'node_modules' || e === '.git' || e === 'dist') continue;
        const p = join(dir, e);
        const st = statSync(p, { throwIfNoEntry: false });
        if (st?.isDirectory()) walk(p, limit);
        else if (st?.isFile() && e.endsWith('.go')) files.push(p);
      }
    };
    const repo = join(here, '..', '..', '..');
    for (const d of ['src', 'test', 'examples']) walk(join(repo, d), 10_000);
    try {
      const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
      walk(join(goroot, 'src', 'runtime'), files.length + 1500);
    } catch {
      // no Go toolchain: the repository's own files still count
    }
    expect(files.length).toBeGreaterThan(5);
    let skipped = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (holdsNoGoFacts(text)) skipped++;
      if (bytesHoldNoGoFacts(readFileSync(f))) expect(holdsNoGoFacts(text), f).toBe(true);
      expect(fast(f, text), f).toEqual(full(f, text));
    }
    expect(skipped).toBeGreaterThan(0);
  }, 60_000);
});
