import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFactsGoldens } from '../../../test/helpers/facts-golden.js';
import { extractGoMod, gomodExtractor } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

describeFactsGoldens('gomod extractor fixtures', join(here, 'fixtures'), gomodExtractor);

describe('gomod details', () => {
  it('matches go.mod and go.work outside testdata', () => {
    expect(gomodExtractor.matches('go.mod')).toBe(true);
    expect(gomodExtractor.matches('svc/go.work')).toBe(true);
    expect(gomodExtractor.matches('pkg/testdata/go.mod')).toBe(false);
    expect(gomodExtractor.matches('go.sum')).toBe(false);
  });
  it('spans the key=value token of a godebug line', () => {
    const text = 'module m\n\ngodebug  tlsrsakex=1 // keep\n';
    const [o] = extractGoMod('go.mod', text).observations;
    expect(o!.span.start!.offset).toBe(text.indexOf('tlsrsakex'));
    expect(o!.span.end!.offset).toBe(text.indexOf(' // keep'));
    expect(o).toMatchObject({ key: 'tlsrsakex', value: { text: '1', literal: true }, scope: [{ kind: 'module', name: 'm' }] });
  });
  it('reads a module line placed after the directives it scopes', () => {
    const { observations, diagnostics } = extractGoMod('a/go.mod', 'go 1.23\nmodule example.com/late\n');
    expect(diagnostics).toEqual([]);
    expect(observations[0]!.scope).toEqual([{ kind: 'module', name: 'example.com/late' }]);
  });
});
