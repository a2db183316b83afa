import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectFactsGolden, fixtureDirs } from '../../../test/helpers/facts-golden.js';
import { trackedVariable } from '../../knowledge/variables.js';
import type { ExtractShell } from '../shell/extract.js';
import { createGitlabCiExtractor } from './extract.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The shared shell extractor, when it has landed (src/sources/shell/index.ts). */
async function loadShell(): Promise<ExtractShell | undefined> {
  const spec = '../shell/index.js';
  try {
    return ((await import(/* @vite-ignore */ spec)) as { extractShell?: ExtractShell }).extractShell;
  } catch {
    return undefined;
  }
}
const realShell = await loadShell();

/** Stand-in for fixtures whose scripts set no tracked variable (fails if one does). */
const silentShell: ExtractShell = async (script) => {
  const hit = (script.match(/[A-Z][A-Z0-9_]*/g) ?? []).find((n) => trackedVariable(n));
  if (hit) throw new Error(`script sets ${hit}; move this case into a run-* fixture`);
  return { observations: [], diagnostics: [] };
};

describe('gitlab-ci fixtures', () => {
  for (const dir of fixtureDirs(join(here, 'fixtures'))) {
    const needsShell = basename(dir).startsWith('run-');
    it.skipIf(needsShell && !realShell)(basename(dir) + (needsShell && !realShell ? ' (skipped: src/sources/shell/index.ts not there yet)' : ''), async () => {
      await expectFactsGolden(createGitlabCiExtractor(realShell ?? silentShell), dir);
    });
  }
});

describe('gitlab-ci matching', () => {
  const ex = createGitlabCiExtractor(undefined);
  it('matches pipeline files only', () => {
    expect(ex.matches('.gitlab-ci.yml')).toBe(true);
    expect(ex.matches('ci/deploy.gitlab-ci.yml')).toBe(true);
    expect(ex.matches('ci/templates/go.yml')).toBe(false);
    expect(ex.matches('gitlab-ci.md')).toBe(false);
  });
});

describe('gitlab-ci semantics', () => {
  it('reports inherited template variables on the template line, per job', async () => {
    const r = await expectFactsGolden(createGitlabCiExtractor(realShell ?? silentShell), join(here, 'fixtures/variables-and-jobs'));
    const exp = r.observations.find((o) => o.variable === 'GOEXPERIMENT')!;
    expect(exp.span.path).toBe('ci/templates/go.yml');
    expect(exp.scope.map((s) => s.name)).toEqual(['.gitlab-ci.yml', 'integration']);
    const gogc = r.observations.filter((o) => o.variable === 'GOGC' && o.scope.some((s) => s.name === 'integration'));
    expect(gogc).toHaveLength(1);
    const maxprocs = r.observations.find((o) => o.variable === 'GOMAXPROCS')!;
    expect(maxprocs.value).toEqual({ text: '$2', literal: true });
    const prod = r.observations.find((o) => o.variable === 'GODEBUG' && o.key === 'tlsrsakex')!;
    expect(prod.scope.at(-1)).toEqual({ kind: 'deployment-environment', name: 'production' });
  });
});
