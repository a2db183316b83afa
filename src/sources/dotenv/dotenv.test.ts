import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFactsGoldens } from '../../../test/helpers/facts-golden.js';
import { dotenvExtractor, dotenvVariant, parseDotenv } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

describeFactsGoldens('dotenv extractor fixtures', join(here, 'fixtures'), dotenvExtractor);

describe('dotenv paths', () => {
  it('matches env files and not code sharing the prefix', () => {
    for (const p of ['.env', 'deploy/.env.production', '.env.test', 'ops/worker.env', '.env.production.local']) {
      expect(dotenvExtractor.matches(p), p).toBe(true);
    }
    for (const p of ['.envrc', 'src/.env.ts', 'env', 'config/.env.d.ts', 'environment', '.env.json']) {
      expect(dotenvExtractor.matches(p), p).toBe(false);
    }
  });
  it('takes the variant from the suffix or the stem', () => {
    expect(dotenvVariant('.env')).toBeUndefined();
    expect(dotenvVariant('a/.env.production')).toBe('production');
    expect(dotenvVariant('.env.production.local')).toBe('production.local');
    expect(dotenvVariant('deploy/staging.env')).toBe('staging');
  });
});

describe('parseDotenv', () => {
  it('reports offsets of the value as written, quotes included', () => {
    const text = 'export  A = "x\\ny" # c\nB=\'$HOME\'\nC=plain #c\n';
    const [a, b, c] = parseDotenv(text);
    expect(a).toMatchObject({ name: 'A', value: 'x\ny', quote: 'double', interpolates: false });
    expect(text.slice(a!.nameStart, a!.nameStart + 1)).toBe('A');
    expect(text.slice(a!.valueStart, a!.valueEnd)).toBe('"x\\ny"');
    expect(b).toMatchObject({ value: '$HOME', quote: 'single', interpolates: false });
    expect(text.slice(c!.valueStart, c!.valueEnd)).toBe('plain');
  });
  it('keeps a multi-line double-quoted value whole', () => {
    const text = 'K="line1\nline2"\nL=2\n';
    const entries = parseDotenv(text);
    expect(entries.map((e) => [e.name, e.value])).toEqual([
      ['K', 'line1\nline2'],
      ['L', '2'],
    ]);
  });
  it('flags interpolation outside single quotes', () => {
    const [a, b, c] = parseDotenv('A=${X}\nB="$Y"\nC="\\$Z"\n');
    expect([a!.interpolates, b!.interpolates, c!.interpolates]).toEqual([true, true, false]);
  });
});
