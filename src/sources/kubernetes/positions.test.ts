// Targeted checks of the positions and values the goldens hold, stated as the text under each span.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../core/types.js';
import { fixtureContext } from '../../../test/helpers/facts-golden.js';
import { kubernetesExtractor } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

async function extract(fixture: string, path: string) {
  const dir = join(fixtures, fixture);
  const text = readFileSync(join(dir, path), 'utf8');
  return kubernetesExtractor.extract({ path, absolutePath: join(dir, path), text }, fixtureContext(dir));
}

function written(fixture: string, o: Observation): string {
  const text = readFileSync(join(fixtures, fixture, o.span.path), 'utf8');
  return text.slice(o.span.start!.offset, o.span.end!.offset);
}

function find(obs: Observation[], variable: string, key: string | null = null, scope?: string): Observation {
  const o = obs.find((x) => x.variable === variable && x.key === key && (scope === undefined || x.scope.map((s) => `${s.kind}:${s.name}`).join('/') === scope));
  if (!o) throw new Error(`no ${variable}/${key}`);
  return o;
}

describe('kubernetes positions', () => {
  it('quoted scalars: the value span includes quotes, GODEBUG keys get their own sub-span', async () => {
    const f = 'deployment-env-and-resources';
    const { observations } = await extract(f, 'deploy/api.yaml');
    expect(written(f, find(observations, 'GODEBUG', 'netdns'))).toBe('netdns=go');
    expect(written(f, find(observations, 'GOGC'))).toBe("'200'");
    expect(written(f, find(observations, '@limits.cpu'))).toBe('"2"');
    expect(find(observations, '@limits.cpu').value.text).toBe('2');
  });

  it('resourceFieldRef keeps resource and divisor, and names the container when omitted', async () => {
    const { observations } = await extract('deployment-env-and-resources', 'deploy/api.yaml');
    expect(find(observations, 'GOMEMLIMIT').value).toMatchObject({ literal: false, ref: { kind: 'resourceField', resource: 'limits.memory', divisor: '1Mi' } });
    expect(find(observations, 'GOMAXPROCS').value.ref).toEqual({ kind: 'resourceField', resource: 'limits.cpu', containerName: 'api' });
  });

  it('init containers and sidecars without settings are known', async () => {
    const { observations } = await extract('deployment-env-and-resources', 'deploy/api.yaml');
    expect(find(observations, 'GOTRACEBACK', null, 'workload:Deployment/api/initContainer:migrate').value.text).toBe('crash');
    expect(observations.filter((o) => o.variable === '@container').map((o) => o.value.text)).toEqual(['migrate', 'api', 'envoy']);
  });

  it('$(VAR) and $$ expand like the kubelet', async () => {
    const { observations } = await extract('deployment-env-and-resources', 'deploy/api.yaml');
    expect(find(observations, 'GOTRACEBACK', null, 'workload:Deployment/api/container:api').value).toEqual({ text: 'info-$(x)', literal: true });
  });

  it('CronJob block scalars: spans start at the content, the literal keeps its line break', async () => {
    const f = 'cronjob-block-and-flow-scalars';
    const { observations } = await extract(f, 'nightly-report.yml');
    const gctrace = find(observations, 'GODEBUG', 'gctrace');
    expect(gctrace.scope).toEqual([{ kind: 'workload', name: 'CronJob/nightly-report' }, { kind: 'container', name: 'report' }]);
    expect(written(f, gctrace)).toBe('gctrace=1');
    expect(find(observations, 'GODEBUG', 'inittrace').value.text).toBe('1\n');
    expect(written(f, find(observations, 'GOEXPERIMENT', 'jsonv2'))).toBe('jsonv2');
    expect(written(f, find(observations, 'GOMAXPROCS'))).toBe('1');
  });

  it('configMapKeyRef points at the ConfigMap value; envFrom applies the prefix', async () => {
    const f = 'multi-document-configmap-refs';
    const { observations, diagnostics } = await extract(f, 'k8s/worker.yaml');
    const gc = find(observations, 'GOGC');
    expect(gc.origin).toBe('k8s-envfrom');
    expect(gc.span.path).toBe('k8s/tuning-configmap.yaml');
    expect(written(f, gc)).toBe('"50"');
    const gomem = find(observations, 'GOMEMLIMIT');
    expect(gomem.value).toEqual({ text: '900MiB', literal: true, ref: { kind: 'configMap', name: 'worker-runtime', key: 'GOMEMLIMIT' } });
    // envFrom gives GOTRACEBACK=all; the later env entry (a Secret) overrides it and is never read.
    const tracebacks = observations.filter((o) => o.variable === 'GOTRACEBACK');
    expect(tracebacks.map((o) => o.origin)).toEqual(['k8s-envfrom', 'k8s-env']);
    expect(tracebacks[1]!.value).toMatchObject({ literal: false, ref: { kind: 'secret' } });
    expect(diagnostics.map((d) => d.code)).toEqual(['unresolved-ref']);
  });

  it('a broken document is a diagnostic with a position; the other documents still count', async () => {
    const { observations, diagnostics } = await extract('broken-yaml-continues', 'services.yaml');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['parse-error', 13],
      ['parse-error', 30],
    ]);
    expect(find(observations, 'GOGC').value.text).toBe('150');
  });

  it('matches: YAML of other tools is left to them', () => {
    for (const p of ['compose.yaml', 'docker-compose.prod.yml', '.github/workflows/ci.yml', '.gitlab-ci.yml', 'app/kustomization.yaml', 'chart/Chart.yaml']) {
      expect(kubernetesExtractor.matches(p, 'apiVersion: v1')).toBe(false);
    }
    expect(kubernetesExtractor.matches('deploy/app.yaml', '# licence\n# header\n')).toBe(true);
    expect(kubernetesExtractor.matches('config/settings.yaml', 'server:\n  port: 8080\n')).toBe(false);
    expect(kubernetesExtractor.matches('chart/templates/deploy.yaml', 'apiVersion: {{ .Values.api }}')).toBe(false);
  });
});

