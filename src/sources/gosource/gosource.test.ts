import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFactsGoldens } from '../../../test/helpers/facts-golden.js';
import { extractGoSource, foldInt, goSourceExtractor } from './index.js';
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
