// drift's related locations: the other side's places, capped so a monorepo's thousands of test
// contexts do not swamp a finding (fixtures/many-test-jobs: 12 CI jobs set the key).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../cli/scan.js';
import { mergeConfig } from '../../config/load.js';

describe('drift related locations', () => {
  it('lists the first ten test places and counts the rest', async () => {
    const root = join(import.meta.dirname, 'fixtures', 'many-test-jobs');
    const result = await scan({ root, config: mergeConfig({}), inlineIgnores: true });
    const drift = result.findings.filter((f) => f.ruleId === 'drift');
    expect(drift).toHaveLength(1);
    const related = drift[0]!.related;
    expect(related).toHaveLength(10);
    expect(related.map((r) => `${r.span.path}:${r.span.start?.line}`)).toEqual(
      [7, 13, 19, 25, 31, 37, 43, 49, 55, 61].map((line) => `.github/workflows/test.yml:${line}`),
    );
    expect(related[9]!.message).toBe('test sets "0" here (and 2 more places in test)');
    expect(related[0]!.message).toBe('test sets "0" here');
  });
});
