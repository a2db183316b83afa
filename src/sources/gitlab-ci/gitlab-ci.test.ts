import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFactsGoldens, expectFactsGolden } from '../../../test/helpers/facts-golden.js';
import { loadShell, shellSkipReason, silentShell } from '../../../test/helpers/shell.js';
import { createGitlabCiExtractor } from './extract.js';

const here = dirname(fileURLToPath(import.meta.url));

const realShell = await loadShell();

describeFactsGoldens('gitlab-ci fixtures', join(here, 'fixtures'), () => createGitlabCiExtractor(realShell ?? silentShell), (dir) => shellSkipReason(dir, realShell));

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
