// Pod specs inside Kubernetes objects, and the settings their containers make. Shared by the
// kubernetes extractor (plain manifests) and the kustomize extractor (built overlays), which is
// why it works on the located tree of yaml-common: a value keeps the file and position it came
// from even after a Kustomize patch moved it into a base Deployment.
import type { Diagnostic, Observation, Origin, ScopeLevel, ValueRef } from '../../core/types.js';
import { CONTEXT_VARIABLES } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import { refText } from '../common/value-ref.js';
import { get, getPath, items, str } from '../yaml-common/index.js';
import type { LMap, LNode, LScalar, Loc } from '../yaml-common/index.js';

/** Where the pod spec sits, per kind (Kubernetes API: core/v1, apps/v1, batch/v1). */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Kinds that carry a pod template (plus `List` and `*List`, which hold them). */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);

/** A workload found in a document. */
export interface Workload {
  kind: string;
  /** metadata.name as written (Kustomize: the name before namePrefix/nameSuffix). */
  name: string;
  namespace?: string;
  podSpec: LMap;
  /** The object itself. */
  object: LMap;
}

/** Workloads of a document: the object itself, or the items of a `List` / `*List`. */
export function workloadsIn(root: LNode | undefined, depth = 0): Workload[] {
  if (root?.kind !== 'map' || depth > 8) return [];
  const kind = str(get(root, 'kind'));
  if (kind === undefined) return [];
  if (kind === 'List' || kind.endsWith('List')) {
    return items(get(root, 'items')).flatMap((i) => workloadsIn(i, depth + 1));
  }
  const path = POD_SPEC_PATHS[kind];
  if (!path) return [];
  const podSpec = getPath(root, ...path);
  if (podSpec?.kind !== 'map') return [];
  const name = str(getPath(root, 'metadata', 'name')) ?? '';
  const namespace = str(getPath(root, 'metadata', 'namespace'));
  return [{ kind, name, ...(namespace !== undefined ? { namespace } : {}), podSpec, object: root }];
}

/** A ConfigMap's data, each value located where it is written. */
export interface ConfigMapDef {
  name: string;
  namespace?: string;
  /** Repository-relative path of the document (or kustomization, for generated maps). */
  path: string;
  data: Map<string, LScalar>;
}

/** The ConfigMap of a document, or of the items of a List. */
export function configMapsIn(root: LNode | undefined, depth = 0): ConfigMapDef[] {
  if (root?.kind !== 'map' || depth > 8) return [];
  const kind = str(get(root, 'kind'));
  if (kind === 'List' || kind === 'ConfigMapList') return items(get(root, 'items')).flatMap((i) => configMapsIn(i, depth + 1));
  if (kind !== 'ConfigMap') return [];
  const name = str(getPath(root, 'metadata', 'name'));
  if (name === undefined) return [];
  const namespace = str(getPath(root, 'metadata', 'namespace'));
  const data = new Map<string, LScalar>();
  const d = get(root, 'data');
  if (d?.kind === 'map') for (const e of d.entries) if (e.value.kind === 'scalar') data.set(e.key, e.value);
  return [{ name, ...(namespace !== undefined ? { namespace } : {}), path: root.loc.path, data }];
}

/** Finds the ConfigMap a pod in `namespace` means by `name`; undefined when unknown. */
export type ConfigMapResolver = (name: string, namespace: string | undefined) => ConfigMapDef | undefined;

/** One environment variable a container gets, before GODEBUG splitting. */
export interface EnvSetting {
  workload: Workload;
  containerKind: 'container' | 'initContainer';
  container: string;
  /** Variable name (envFrom: prefix + key). */
  name: string;
  value: string;
  literal: boolean;
  ref?: ValueRef;
  /** Where the value is written (a ConfigMap's data value for resolved references). */
  loc: Loc;
  origin: Origin;
}

/** A context fact (`@limits.memory`, `@container`, …). */
export interface ContextSetting {
  workload: Workload;
  containerKind: 'container' | 'initContainer';
  container: string;
  variable: string;
  value: string;
  loc: Loc;
  origin: Origin;
}

export interface ContainerSettings {
  env: EnvSetting[];
  context: ContextSetting[];
  diagnostics: Diagnostic[];
}

const RESOURCE_VARIABLES: Record<string, string> = {
  'limits.memory': CONTEXT_VARIABLES.limitsMemory,
  'limits.cpu': CONTEXT_VARIABLES.limitsCpu,
  'requests.memory': CONTEXT_VARIABLES.requestsMemory,
  'requests.cpu': CONTEXT_VARIABLES.requestsCpu,
};

function envOrigin(loc: Loc, plain: Origin): Origin {
  if (loc.via === 'patch') return 'kustomize-patch';
  if (loc.via === 'generator') return 'kustomize-configmap';
  return plain;
}

/**
 * `$(VAR)` expansion as the kubelet does it (k8s.io/kubernetes third_party/forked/golang/expansion):
 * `$$` becomes `$`, `$(NAME)` is replaced by an earlier variable of the container, and a reference
 * to an unknown name stays as written. Unknown or non-literal references make the value non-literal:
 * service-link variables and downward values are not known statically.
 */
export function expandKubernetes(value: string, known: ReadonlyMap<string, { value: string; literal: boolean }>): { text: string; literal: boolean } {
  if (!value.includes('$')) return { text: value, literal: true };
  let out = '';
  let literal = true;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '$' || i + 1 >= value.length) {
      out += c;
      continue;
    }
    const n = value[i + 1];
    if (n === '$') {
      out += '$';
      i++;
      continue;
    }
    if (n === '(') {
      const close = value.indexOf(')', i + 2);
      if (close > 0) {
        const name = value.slice(i + 2, close);
        const k = known.get(name);
        if (k && k.literal) out += k.value;
        else literal = false;
        i = close;
        continue;
      }
    }
    out += c;
  }
  return literal ? { text: out, literal } : { text: value, literal: false };
}

/** Env, envFrom, resources and a `@container` fact for every container and init container. */
export function containerSettings(w: Workload, resolve: ConfigMapResolver): ContainerSettings {
  const out: ContainerSettings = { env: [], context: [], diagnostics: [] };
  for (const [field, containerKind] of [
    ['initContainers', 'initContainer'],
    ['containers', 'container'],
  ] as const) {
    items(get(w.podSpec, field)).forEach((c, index) => {
      if (c.kind !== 'map') return;
      const nameNode = get(c, 'name');
      const container = str(nameNode) ?? `#${index}`;
      const base = { workload: w, containerKind, container };
      if (nameNode?.kind === 'scalar' && !nameNode.isNull) {
        out.context.push({ ...base, variable: CONTEXT_VARIABLES.container, value: container, loc: nameNode.loc, origin: envOrigin(nameNode.loc, 'k8s-env') });
      }
      const known = new Map<string, { value: string; literal: boolean }>();
      // envFrom first: `env` entries override them (kubelet makeEnvironmentVariables).
      for (const from of items(get(c, 'envFrom'))) {
        const cmRef = get(from, 'configMapRef');
        if (cmRef === undefined) continue; // secretRef: secrets are never read
        const cmName = str(get(cmRef, 'name'));
        if (cmName === undefined) continue;
        const prefix = str(get(from, 'prefix')) ?? '';
        const cm = resolve(cmName, w.namespace);
        if (!cm) {
          const p = cmRef.loc.lines.position(cmRef.loc.start);
          out.diagnostics.push({
            path: cmRef.loc.path,
            line: p.line,
            column: p.column,
            severity: 'note',
            code: 'unresolved-ref',
            message: `envFrom configMapRef '${cmName}' was not found next to this manifest; the variables it sets are unknown`,
          });
          continue;
        }
        for (const [key, v] of cm.data) {
          const name = prefix + key;
          known.set(name, { value: v.value, literal: true });
          out.env.push({ ...base, name, value: v.value, literal: true, ref: { kind: 'configMap', name: cmName, key }, loc: v.loc, origin: envOrigin(v.loc, 'k8s-envfrom') });
        }
      }
      for (const e of items(get(c, 'env'))) {
        const nameN = get(e, 'name');
        const name = str(nameN);
        if (name === undefined || nameN === undefined) continue;
        const valueN = get(e, 'value');
        const from = get(e, 'valueFrom');
        if (from?.kind === 'map') {
          const setting = valueFromSetting(from, container, resolve, w.namespace);
          known.set(name, { value: setting.value, literal: setting.literal });
          out.env.push({ ...base, name, ...setting, origin: envOrigin(setting.loc, 'k8s-env') });
          continue;
        }
        if (valueN?.kind === 'scalar') {
          const x = expandKubernetes(valueN.isNull ? '' : valueN.value, known);
          known.set(name, { value: x.text, literal: x.literal });
          out.env.push({ ...base, name, value: x.text, literal: x.literal, loc: valueN.loc, origin: envOrigin(valueN.loc, 'k8s-env') });
        } else if (valueN === undefined) {
          // No value and no valueFrom: the variable is set to the empty string.
          known.set(name, { value: '', literal: true });
          out.env.push({ ...base, name, value: '', literal: true, loc: nameN.loc, origin: envOrigin(nameN.loc, 'k8s-env') });
        }
      }
      const resources = get(c, 'resources');
      for (const group of ['limits', 'requests']) {
        const g = get(resources, group);
        for (const res of ['memory', 'cpu']) {
          const v = get(g, res);
          if (v?.kind !== 'scalar' || v.isNull) continue;
          out.context.push({ ...base, variable: RESOURCE_VARIABLES[`${group}.${res}`]!, value: v.value, loc: v.loc, origin: envOrigin(v.loc, 'k8s-resources') });
        }
      }
    });
  }
  return out;
}

function valueFromSetting(
  from: LMap,
  container: string,
  resolve: ConfigMapResolver,
  namespace: string | undefined,
): { value: string; literal: boolean; ref: ValueRef; loc: Loc } {
  const unresolved = (ref: ValueRef) => ({ value: refText(ref), literal: false, ref, loc: from.loc });
  const cm = get(from, 'configMapKeyRef');
  if (cm) {
    const ref: ValueRef = {
      kind: 'configMap',
      name: str(get(cm, 'name')) ?? '',
      key: str(get(cm, 'key')) ?? '',
      ...(str(get(cm, 'optional')) === 'true' ? { optional: true } : {}),
    };
    const def = resolve(ref.name, namespace);
    const v = def?.data.get(ref.key);
    // Resolved: the span is the ConfigMap's data value, where the value is really written.
    if (v) return { value: v.value, literal: true, ref, loc: v.loc };
    return unresolved(ref);
  }
  const secret = get(from, 'secretKeyRef');
  if (secret) return unresolved({ kind: 'secret', name: str(get(secret, 'name')) ?? '', key: str(get(secret, 'key')) ?? '' });
  const field = get(from, 'fieldRef');
  if (field) return unresolved({ kind: 'field', fieldPath: str(get(field, 'fieldPath')) ?? '' });
  const rf = get(from, 'resourceFieldRef');
  if (rf) {
    const divisor = str(get(rf, 'divisor'));
    return unresolved({
      kind: 'resourceField',
      resource: str(get(rf, 'resource')) ?? '',
      ...(divisor !== undefined ? { divisor } : {}),
      // Omitted containerName means the container itself (downward API).
      containerName: str(get(rf, 'containerName')) ?? container,
    });
  }
  return unresolved({ kind: 'field', fieldPath: '' });
}

/** Scope of a setting: optional prefix (Kustomize overlay), workload, container. */
export function settingScope(s: { workload: Workload; containerKind: string; container: string }, prefix: ScopeLevel[] = []): ScopeLevel[] {
  return [...prefix, { kind: 'workload', name: `${s.workload.kind}/${s.workload.name}` }, { kind: s.containerKind, name: s.container }];
}

/** Observations for container settings (env through assignmentObservations; context facts as they are). */
export function settingsObservations(settings: ContainerSettings, prefix: ScopeLevel[] = [], variant?: string): Observation[] {
  const out: Observation[] = [];
  const extra = variant !== undefined ? { variant } : {};
  for (const c of settings.context) {
    if (c.variable !== CONTEXT_VARIABLES.container) continue;
    out.push({ variable: c.variable, key: null, value: { text: c.value, literal: true }, span: c.loc.lines.span(c.loc.path, c.loc.start, c.loc.end), origin: c.origin, scope: settingScope(c, prefix), phase: 'run', ...extra });
  }
  for (const e of settings.env) {
    out.push(
      ...assignmentObservations({
        path: e.loc.path,
        lines: e.loc.lines,
        name: e.name,
        value: e.value,
        valueStart: e.loc.start,
        valueEnd: e.loc.end,
        literal: e.literal,
        ...(e.ref ? { ref: e.ref } : {}),
        origin: e.origin,
        scope: settingScope(e, prefix),
        phase: 'run',
        ...extra,
      }),
    );
  }
  for (const c of settings.context) {
    if (c.variable === CONTEXT_VARIABLES.container) continue;
    out.push({ variable: c.variable, key: null, value: { text: c.value, literal: true }, span: c.loc.lines.span(c.loc.path, c.loc.start, c.loc.end), origin: c.origin, scope: settingScope(c, prefix), phase: 'run', ...extra });
  }
  return out;
}
