// Targeted checks: which file and text each overlay value points at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../core/types.js';
import { fixtureContext } from '../../../test/helpers/facts-golden.js';
import { kubernetesExtractor } from '../kubernetes/index.js';
import { createKustomizeExtractor } from './index.js';

const dir = join(import.meta.dirname, 'fixtures/base-and-overlays-patches');
const extractor = createKustomizeExtractor({ kustomize: null });

async function overlay(name: string) {
  const path = `overlays/${name}/kustomization.yaml`;
  return extractor.extract({ path, absolutePath: join(dir, path), text: readFileSync(join(dir, path), 'utf8') }, fixtureContext(dir));
}
const written = (o: Observation) => readFileSync(join(dir, o.span.path), 'utf8').slice(o.span.start!.offset, o.span.end!.offset);
const find = (obs: Observation[], v: string, k: string | null = null) => obs.find((o) => o.variable === v && o.key === k);

describe('kustomize overlays', () => {
  it('strategic merge patch overrides the base value and points at the patch', async () => {
    const { observations } = await overlay('production');
    const o = find(observations, 'GODEBUG', 'tlsrsakex')!;
    expect(o.span.path).toBe('overlays/production/env-patch.yaml');
    expect(written(o)).toBe('tlsrsakex=1');
    expect(o.origin).toBe('kustomize-patch');
    expect(o.variant).toBe('production');
    expect(o.scope).toEqual([{ kind: 'overlay', name: 'overlays/production' }, { kind: 'workload', name: 'Deployment/api' }, { kind: 'container', name: 'api' }]);
    expect(find(observations, 'GOMAXPROCS')).toBeUndefined(); // $patch: delete
    expect(find(observations, '@container')!.span.path).toBe('base/deployment.yaml');
  });

  it('configMapGenerator merge: env-file values override base literals, the rest stays', async () => {
    const { observations } = await overlay('production');
    const gogc = find(observations, 'GOGC')!;
    expect([gogc.span.path, written(gogc), gogc.origin]).toEqual(['overlays/production/runtime.env', 'off', 'kustomize-configmap']);
    const tb = find(observations, 'GOTRACEBACK')!;
    expect([tb.span.path, written(tb), tb.value.text]).toEqual(['base/kustomization.yaml', 'single', 'single']);
  });

  it('inline JSON 6902 patch: positions inside the block scalar of the kustomization', async () => {
    const { observations } = await overlay('staging');
    const g = find(observations, 'GODEBUG', 'gctrace')!;
    expect([g.span.path, written(g)]).toEqual(['overlays/staging/kustomization.yaml', 'gctrace=1']);
    expect(written(find(observations, 'GOEXPERIMENT', 'greenteagc')!)).toBe('greenteagc');
    expect(find(observations, 'GOTRACEBACK')).toBeUndefined(); // behavior: replace dropped it
  });

  it('bases are not extracted again as plain manifests', async () => {
    const path = 'base/deployment.yaml';
    const r = await kubernetesExtractor.extract({ path, absolutePath: join(dir, path), text: readFileSync(join(dir, path), 'utf8') }, fixtureContext(dir));
    expect(r.observations).toEqual([]);
    const base = await extractor.extract({ path: 'base/kustomization.yaml', absolutePath: join(dir, 'base/kustomization.yaml'), text: '' }, fixtureContext(dir));
    expect(base.observations).toEqual([]);
  });
});
