import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFactsGoldens, expectFactsGolden } from '../../../test/helpers/facts-golden.js';
import { loadShell, shellSkipReason, silentShell } from '../../../test/helpers/shell.js';
import { createGithubActionsExtractor, maskExpressions } from './extract.js';
import { scalarMapping } from '../yaml-common/nodes.js';
import { parseDocument, type Scalar } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));

const realShell = await loadShell();

describeFactsGoldens('github-actions fixtures', join(here, 'fixtures'), () => createGithubActionsExtractor(realShell ?? silentShell), (dir) => shellSkipReason(dir, realShell));

describe('github-actions matching', () => {
  const ex = createGithubActionsExtractor(undefined);
  it('matches workflows and actions only', () => {
    expect(ex.matches('.github/workflows/ci.yml')).toBe(true);
    expect(ex.matches('svc/.github/workflows/ci.yaml')).toBe(true);
    expect(ex.matches('.github/workflows/nested/ci.yml')).toBe(false);
    expect(ex.matches('.github/workflows/README.md')).toBe(false);
    expect(ex.matches('.github/actions/go/action.yml')).toBe(true);
    expect(ex.matches('deploy/values.yaml')).toBe(false);
  });
});

describe('block-scalar offset mapping', () => {
  function mapped(src: string, key: string, needle: string): string {
    const doc = parseDocument(src, { keepSourceTokens: true });
    const node = doc.get(key, true) as Scalar;
    const m = scalarMapping(src, node);
    const at = m.value.indexOf(needle);
    expect(at).toBeGreaterThanOrEqual(0);
    return src.slice(m.map(at), m.map(at + needle.length));
  }
  it('maps literal blocks line by line, keeping extra indentation', () => {
    const src = 'run: |\n    echo hi\n      export GODEBUG=a=1\n    go test\n';
    expect(mapped(src, 'run', 'GODEBUG=a=1')).toBe('GODEBUG=a=1');
    expect(mapped(src, 'run', 'go test')).toBe('go test');
  });
  it('maps folded blocks across folded line breaks', () => {
    const src = 'run: >-\n    GOGC=5\n    go test\n\n    done\n';
    expect(mapped(src, 'run', 'GOGC=5 go')).toBe('GOGC=5\n    go');
    expect(mapped(src, 'run', 'done')).toBe('done');
  });
  it('maps double-quoted scalars with escapes', () => {
    const src = 'run: "echo \\"x\\"\\tGODEBUG=b=2"\n';
    expect(mapped(src, 'run', 'GODEBUG=b=2')).toBe('GODEBUG=b=2');
  });
  it('maps single-quoted scalars with doubled quotes', () => {
    const src = "run: 'echo ''x'' GOGC=9'\n";
    expect(mapped(src, 'run', 'GOGC=9')).toBe('GOGC=9');
  });
});

describe('expression masking for run: scripts', () => {
  it('keeps length and restores the expression', () => {
    const s = 'export GODEBUG=${{ matrix.godebug }} X=${{x}}';
    const m = maskExpressions(s);
    expect(m.script.length).toBe(s.length);
    expect(m.script).not.toContain('${{');
    expect([...m.masks.values()]).toEqual(['${{ matrix.godebug }}', '${{x}}']);
  });
});

describe('github-actions levels and toolchains', () => {
  it('scopes env as deep as the level that writes it', async () => {
    const r = await expectFactsGolden(createGithubActionsExtractor(realShell ?? silentShell), join(here, 'fixtures/ci-env-levels'));
    const depth = (v: string) => r.observations.filter((o) => o.variable === v).map((o) => o.scope.map((s) => s.kind).join('/'));
    expect(depth('GOTRACEBACK')).toEqual(['workflow']);
    expect(depth('GOGC')).toEqual(['workflow/job/step', 'workflow/job/deployment-environment']);
    expect(depth('GOTOOLCHAIN')).toEqual(['workflow/job/deployment-environment/container']);
    const memlimit = r.observations.find((o) => o.variable === 'GOMEMLIMIT')!;
    expect(memlimit.value).toEqual({ text: '${{ vars.CI_MEMLIMIT }}', literal: false });
  });
  it('emits one toolchain per literal matrix value, on the matrix line', async () => {
    const r = await expectFactsGolden(createGithubActionsExtractor(realShell ?? silentShell), join(here, 'fixtures/setup-go-matrix'));
    const test = r.observations.filter((o) => o.variable === '@build-toolchain' && o.scope[1]!.name === 'test');
    expect(test.map((o) => [o.value.text, o.span.start!.line, o.span.start!.column])).toEqual([
      ['1.22', 8, 14],
      ['1.20', 8, 22],
      ['stable', 8, 28],
      ['1.25.0', 11, 17],
    ]);
  });
});
