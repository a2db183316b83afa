import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFactsGoldens, expectFactsGolden } from '../../../test/helpers/facts-golden.js';
import { createHelmExtractor, findHelm, maskTemplate, valuesReference, valuesVariant } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoHelm = resolve(here, '../../../.tools/bin/helm');
/** helm for the rendering tests: GODRIFT_HELM, PATH, or scripts/install-helm.sh's .tools/bin/helm. */
const helm = findHelm() ?? (existsSync(repoHelm) ? repoHelm : undefined);
const noHelm = 'helm is not installed: run scripts/install-helm.sh (or set GODRIFT_HELM)';

const rendered = (dir: string) => basename(dir).startsWith('rendered-');
describeFactsGoldens(
  'helm fixtures',
  join(here, 'fixtures'),
  (dir) => createHelmExtractor({ helm: rendered(dir) ? helm! : null }),
  (dir) => (rendered(dir) && !helm ? noHelm : undefined),
);

describe('values variants', () => {
  it('names variants by file name', () => {
    expect(valuesVariant('values.yaml')).toBe('default');
    expect(valuesVariant('chart/values-production.yaml')).toBe('production');
    expect(valuesVariant('values.staging.yaml')).toBe('staging');
    expect(valuesVariant('prod.values.yaml')).toBe('prod');
    expect(valuesVariant('deploy/eu-west.yaml')).toBe('eu-west');
  });
});

describe('template masking', () => {
  it('keeps offsets, blanks action-only lines and fills inline actions', () => {
    const t = 'env:\n  {{- if .Values.x }}\n  - name: GOGC\n    value: {{ .Values.gogc | quote }}\n';
    const m = maskTemplate(t);
    expect(m.length).toBe(t.length);
    expect(m.split('\n')[1]).toBe(' '.repeat('  {{- if .Values.x }}'.length));
    expect(m.split('\n')[3]).toBe('    value: ' + 'x'.repeat('{{ .Values.gogc | quote }}'.length));
  });
  it('reads .Values references through text-preserving functions only', () => {
    expect(valuesReference('{{ .Values.a.b }}', 0)?.path).toEqual(['a', 'b']);
    expect(valuesReference('"{{ .Values.godebug }}"', 0)?.path).toEqual(['godebug']);
    expect(valuesReference('{{ .Values.gogc | quote }}', 0)?.path).toEqual(['gogc']);
    const raw = '{{ .Values.t | default "crash" | quote }}';
    const ref = valuesReference(raw, 100);
    expect(ref?.defaultLiteral?.text).toBe('crash');
    expect(raw.slice(ref!.defaultLiteral!.start - 100, ref!.defaultLiteral!.end - 100)).toBe('crash');
    expect(valuesReference('{{ printf "-tags=%s" .Values.tags }}', 0)).toBeUndefined();
    expect(valuesReference('{{ .Values.n | int }}', 0)).toBeUndefined();
    expect(valuesReference('{{ $value | quote }}', 0)).toBeUndefined();
  });
});

describe('static resolution', () => {
  it('puts a {{ .Values }} entry on the values file line of each variant', async () => {
    const dir = join(here, 'fixtures/static-values-overrides');
    const result = await expectFactsGolden(createHelmExtractor({ helm: null }), dir);
    const gogc = result.observations.filter((o) => o.variable === 'GOGC');
    expect(gogc.map((o) => [o.span.path.split('/').pop(), o.variant, o.value.text, o.value.literal])).toEqual([
      ['values-production.yaml', 'production', '50', true],
      ['values.staging.yaml', 'staging', '{{ .Values.stagingGogc }}', false],
      ['values.yaml', 'default', '100', true],
    ]);
    const prod = gogc[0]!;
    expect(prod.span.start).toMatchObject({ line: 2, column: 7 });
  });
});

describe.skipIf(!helm)(`helm rendering${helm ? '' : ` (skipped: ${noHelm})`}`, () => {
  it('renders each values file and fails loudly on a broken chart', async () => {
    const dir = join(here, 'fixtures/rendered-broken-template');
    const result = await expectFactsGolden(createHelmExtractor({ helm: helm! }), dir);
    expect(result.diagnostics.some((d) => d.code === 'render-failed' && d.severity === 'error')).toBe(true);
  });
});
