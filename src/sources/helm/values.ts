// Helm values files: which variant a file is, the Go settings written literally anywhere in its
// tree, resource limits, and lookups of `.Values.a.b` paths for template resolution.
import { isMap, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import type { LineIndex } from '../../core/text.js';
import { CONTEXT_VARIABLES, type Observation, type ScopeLevel, type ValueRef } from '../../core/types.js';
import { isTrackedVariable } from '../../knowledge/variables.js';
import { assignmentObservations } from '../common/assignments.js';
import { refText } from '../common/value-ref.js';
import { deref, keyString, mapGet, mapPairs, nodeRange, scalarString, seqItems, stringOf, type YNode } from '../yaml-common/nodes.js';

/** A parsed values file. */
export interface ValuesFile {
  /** Repository-relative path. */
  path: string;
  /** `default` for values.yaml, else the part of the name that says which variant. */
  variant: string;
  /** True for the chart's own values.yaml (Helm always loads it; `-f` files override it). */
  isChartDefault: boolean;
  text: string;
  lines: LineIndex;
  doc: Document.Parsed | undefined;
  /** Offset of the first YAML error (Infinity when none). */
  firstErrorOffset: number;
}

const VALUES_NAME = /^(?:values\.ya?ml|values[-.][^/]+\.ya?ml|[^/]+\.values\.ya?ml)$/;

/** Whether a file name is a values file by Helm convention (values.yaml, values-prod.yaml, values.prod.yaml, prod.values.yaml). */
export function isValuesFileName(name: string): boolean {
  return VALUES_NAME.test(name);
}

/**
 * The variant a values file stands for: `values.yaml` → `default`, `values-production.yaml` →
 * `production`, `values.staging.yaml` → `staging`, `prod.values.yaml` → `prod`; any other file
 * (passed with --values) → its name without the extension.
 */
export function valuesVariant(fileName: string): string {
  const name = fileName.slice(fileName.lastIndexOf('/') + 1);
  if (/^values\.ya?ml$/.test(name)) return 'default';
  let m = /^values[-.](.+)\.ya?ml$/.exec(name);
  if (m) return m[1]!;
  m = /^(.+)\.values\.ya?ml$/.exec(name);
  if (m) return m[1]!;
  return name.replace(/\.ya?ml$/, '');
}

/** The scalar at `.Values.<path>` (path split on dots), or undefined when not set or not a scalar. */
export function valuesLookup(v: ValuesFile, path: string[]): Scalar | undefined {
  if (!v.doc) return undefined;
  let node: YNode = v.doc.contents as YNode;
  for (const key of path) {
    if (!isMap(deref(v.doc, node))) return undefined;
    node = mapGet(v.doc, node, key);
    if (node == null) return undefined;
  }
  const n = deref(v.doc, node);
  if (!isScalar(n) || n.value === null) return undefined;
  if (n.range && n.range[0] >= v.firstErrorOffset) return undefined;
  return n;
}

const RESOURCE_VARIABLES: Record<string, string> = {
  'limits.memory': CONTEXT_VARIABLES.limitsMemory,
  'limits.cpu': CONTEXT_VARIABLES.limitsCpu,
  'requests.memory': CONTEXT_VARIABLES.requestsMemory,
  'requests.cpu': CONTEXT_VARIABLES.requestsCpu,
};

/**
 * Facts written literally in a values file, anywhere in the tree:
 * - any mapping key that is a tracked variable with a scalar value (`env: {GODEBUG: "x=1"}`);
 * - list items `{name: GOGC, value: "50"}` (extraEnv-style lists; valueFrom kept as a reference);
 * - `resources.{limits,requests}.{memory,cpu}` → context facts.
 */
export function valuesFacts(v: ValuesFile, scope: ScopeLevel[]): Observation[] {
  const out: Observation[] = [];
  const doc = v.doc;
  if (!doc) return out;
  const base = { path: v.path, lines: v.lines, origin: 'helm-values' as const, scope, phase: 'run' as const, variant: v.variant };
  const seen = new Set<unknown>();
  const walk = (node: YNode): void => {
    const n = deref(doc, node);
    if (n == null || seen.has(n)) return;
    seen.add(n);
    if (isMap(n)) {
      for (const pair of mapPairs(doc, n)) {
        const key = keyString(doc, pair);
        const value = deref(doc, pair.value);
        if (isTrackedVariable(key) && (isScalar(value) || value == null)) {
          out.push(...scalarAssignment(v, key, value as Scalar | null, base));
          continue;
        }
        if (key === 'resources') out.push(...resourceFacts(v, value, base));
        walk(value);
      }
      return;
    }
    if (isSeq(n)) {
      for (const item of seqItems(doc, n)) {
        const entry = envEntry(doc, item);
        if (entry) {
          out.push(...entryObservations(v, entry, base));
          continue;
        }
        walk(item);
      }
    }
  };
  walk(doc.contents as YNode);
  return out;
}

type Base = { path: string; lines: LineIndex; origin: 'helm-values' | 'helm-template'; scope: ScopeLevel[]; phase: 'run'; variant?: string };

function scalarAssignment(v: { text: string; lines: LineIndex; path: string }, name: string, value: Scalar | null, base: Base): Observation[] {
  if (!value) return [];
  const text = scalarString(value);
  const [start, end] = nodeRange(v.text, value);
  return assignmentObservations({ ...base, name, value: text, valueStart: start, valueEnd: end, literal: !hasTemplateExpression(text) });
}

/** A Kubernetes-style env entry `{name, value}` / `{name, valueFrom}` whose name is tracked. */
export interface EnvEntry {
  name: string;
  nameNode: Scalar;
  value?: Scalar | null;
  valueFrom?: YNode;
}

export function envEntry(doc: Document.Parsed, item: YNode): EnvEntry | undefined {
  if (!isMap(item)) return undefined;
  const nameNode = mapGet(doc, item, 'name');
  if (!isScalar(nameNode)) return undefined;
  const name = scalarString(nameNode);
  if (!isTrackedVariable(name)) return undefined;
  const pairs = mapPairs(doc, item);
  const has = (k: string) => pairs.some((p) => keyString(doc, p) === k);
  if (!has('value') && !has('valueFrom')) return undefined;
  const value = mapGet(doc, item, 'value');
  return {
    name,
    nameNode,
    ...(has('value') ? { value: isScalar(value) ? value : null } : {}),
    ...(has('valueFrom') ? { valueFrom: mapGet(doc, item, 'valueFrom') } : {}),
  };
}

/** Observations of an env entry whose value is written literally (or a valueFrom reference). */
export function entryObservations(
  v: { text: string; lines: LineIndex; path: string; doc?: Document.Parsed | undefined },
  entry: EnvEntry,
  base: Base,
  container?: string,
): Observation[] {
  if (entry.value) return scalarAssignment(v, entry.name, entry.value, base);
  if (entry.valueFrom && v.doc) {
    const ref = valueFromRef(v.doc, entry.valueFrom, container);
    const [start, end] = nodeRange(v.text, entry.valueFrom as NonNullable<YNode>);
    return assignmentObservations({
      ...base,
      name: entry.name,
      value: ref ? refText(ref) : 'valueFrom',
      valueStart: start,
      valueEnd: end,
      literal: false,
      ...(ref ? { ref } : {}),
    });
  }
  // `value:` with nothing after it: the variable is set to the empty string.
  const [start, end] = nodeRange(v.text, entry.nameNode);
  return assignmentObservations({ ...base, name: entry.name, value: '', valueStart: start, valueEnd: end });
}

/** True for values Helm evaluates later: they hold a Go-template action (`{{ … }}`). */
export function hasTemplateExpression(s: string): boolean {
  return s.includes('{{');
}

/** Kubernetes `valueFrom` → a ValueRef (resourceFieldRef, configMapKeyRef, secretKeyRef, fieldRef). */
export function valueFromRef(doc: Document.Parsed, node: YNode, container?: string): ValueRef | undefined {
  const rf = mapGet(doc, node, 'resourceFieldRef');
  if (rf != null) {
    const resource = stringOf(doc, mapGet(doc, rf, 'resource')) ?? '';
    const divisor = stringOf(doc, mapGet(doc, rf, 'divisor'));
    // Omitted containerName means the container itself (downward API), as the kubernetes extractor says.
    const containerName = stringOf(doc, mapGet(doc, rf, 'containerName')) ?? container;
    return { kind: 'resourceField', resource, ...(divisor ? { divisor } : {}), ...(containerName ? { containerName } : {}) };
  }
  const cm = mapGet(doc, node, 'configMapKeyRef');
  if (cm != null) {
    const optional = mapGet(doc, cm, 'optional');
    return {
      kind: 'configMap',
      name: stringOf(doc, mapGet(doc, cm, 'name')) ?? '',
      key: stringOf(doc, mapGet(doc, cm, 'key')) ?? '',
      ...(isScalar(optional) ? { optional: optional.value === true } : {}),
    };
  }
  const sk = mapGet(doc, node, 'secretKeyRef');
  if (sk != null) return { kind: 'secret', name: stringOf(doc, mapGet(doc, sk, 'name')) ?? '', key: stringOf(doc, mapGet(doc, sk, 'key')) ?? '' };
  const f = mapGet(doc, node, 'fieldRef');
  if (f != null) return { kind: 'field', fieldPath: stringOf(doc, mapGet(doc, f, 'fieldPath')) ?? '' };
  return undefined;
}

/** `resources: {limits: {memory, cpu}, requests: {…}}` → context facts. */
export function resourceFacts(v: { text: string; lines: LineIndex; path: string; doc?: Document.Parsed | undefined }, node: YNode, base: Base): Observation[] {
  const doc = v.doc;
  const out: Observation[] = [];
  if (!doc) return out;
  for (const kind of ['limits', 'requests']) {
    for (const res of ['memory', 'cpu']) {
      const q = mapGet(doc, mapGet(doc, node, kind), res);
      if (!isScalar(q) || q.value === null) continue;
      const text = scalarString(q);
      const [start, end] = nodeRange(v.text, q);
      out.push({
        variable: RESOURCE_VARIABLES[`${kind}.${res}`]!,
        key: null,
        value: { text, literal: !hasTemplateExpression(text) },
        span: v.lines.span(v.path, start, end),
        origin: base.origin,
        scope: base.scope,
        phase: 'run',
        ...(base.variant !== undefined ? { variant: base.variant } : {}),
      });
    }
  }
  return out;
}
