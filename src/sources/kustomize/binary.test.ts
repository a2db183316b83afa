// Runs the real kustomize (scripts/install-tools.sh installs it into .tools/bin; GODRIFT_KUSTOMIZE
// overrides) and checks that godrift's own resolution agrees with it, and that a failing build is
// a loud `render-failed` error.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactFact, fixtureContext } from '../../../test/helpers/facts-golden.js';
import { createKustomizeExtractor, findKustomize } from './index.js';

const repo = join(import.meta.dirname, '../../..');
const local = join(repo, '.tools/bin/kustomize');
const binary = process.env.GODRIFT_KUSTOMIZE ?? (existsSync(local) ? local : findKustomize());
const fixtures = join(import.meta.dirname, 'fixtures');

async function run(fixture: string, path: string, kustomize: string | null) {
  const dir = join(fixtures, fixture);
  const context = fixtureContext(dir);
  const extractor = createKustomizeExtractor({ kustomize });
  return extractor.extract({ path, absolutePath: join(dir, path), text: readFileSync(join(dir, path), 'utf8') }, context);
}

if (!binary) {
  describe('kustomize binary', () => {
    it.skip('kustomize is not installed: run scripts/install-tools.sh (or set GODRIFT_KUSTOMIZE) to run these tests', () => {});
  });
} else {
  describe(`kustomize binary (${binary})`, () => {
    for (const overlay of ['overlays/production', 'overlays/staging']) {
      it(`${overlay}: the real build agrees with godrift's resolution`, async () => {
        const path = `${overlay}/kustomization.yaml`;
        const own = await run('base-and-overlays-patches', path, null);
        const built = await run('base-and-overlays-patches', path, binary);
        expect(built.diagnostics.filter((d) => d.code === 'render-failed' || d.code === 'render-mismatch')).toEqual([]);
        expect(built.observations.map(compactFact)).toEqual(own.observations.map(compactFact));
      });
    }

    it('a failing build is an error diagnostic, and own resolution is still reported', async () => {
      const result = await run('render-fails-missing-resource', 'overlays/qa/kustomization.yaml', binary);
      const failed = result.diagnostics.filter((d) => d.code === 'render-failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.severity).toBe('error');
      expect(result.observations.some((o) => o.variable === 'GOTRACEBACK')).toBe(true);
    });
  });
}
