// A small Kustomize: resolves the subset of a kustomization that decides container environment
// (resources and bases, configMapGenerator, strategic-merge and JSON 6902 patches, name
// prefix/suffix) on located trees, so every value still points at the file that wrote it.
// Anything else is reported as not covered; the real kustomize binary, when available, checks us.
import { LineIndex } from '../../core/text.js';
import type { Diagnostic } from '../../core/types.js';
import type { SourceContext } from '../types.js';
import { joinPath } from '../common/paths.js';
import { LruCache } from '../common/lru.js';
import { blockScalarOffsetMap, clone, get, getPath, items, parseYaml, str, tagVia, verbatimRange } from '../yaml-common/index.js';
import type { LEntry, LMap, LNode, LScalar, Loc } from '../yaml-common/index.js';
import { configMapsIn } from '../kubernetes/workloads.js';
import type { ConfigMapDef } from '../kubernetes/workloads.js';
import { loadKustomization, referencesOf } from './graph.js';
import type { KustomizationFile } from './graph.js';

/** A resource of a build. `names[0]` is the name as written; later entries follow prefixes/suffixes. */
export interface BuiltResource {
  kind: string;
  names: string[];
  namespace?: string;
  object: LMap;
}

export interface BuiltConfigMap {
  names: string[];
  def: ConfigMapDef;
}

export interface BuildResult {
  resources: BuiltResource[];
  configMaps: BuiltConfigMap[];
  diagnostics: Diagnostic[];
}

/** Parsed YAML files (roots only), per scan, most recently used only (overlays of a base are built close together). */
const fileCache = new WeakMap<readonly string[], LruCache<string, { roots: LNode[]; diagnostics: Diagnostic[] } | undefined>>();

function loadYamlFile(path: string, context: SourceContext): { roots: LNode[]; diagnostics: Diagnostic[] } | undefined {
  let m = fileCache.get(context.allFiles);
  if (!m) fileCache.set(context.allFiles, (m = new LruCache(256)));
  if (m.has(path)) return m.get(path);
  const text = context.readFile(path);
  let r: { roots: LNode[]; diagnostics: Diagnostic[] } | undefined;
  if (text !== undefined) {
    const parsed = parseYaml(path, text);
    r = { roots: parsed.documents.flatMap((d) => (d.root ? [d.root] : [])), diagnostics: parsed.diagnostics };
  }
  m.set(path, r);
  return r;
}

function diag(loc: Loc | undefined, path: string, severity: Diagnostic['severity'], code: string, message: string): Diagnostic {
  if (!loc) return { path, severity, code, message };
  const p = loc.lines.position(loc.start);
  return { path: loc.path, line: p.line, column: p.column, severity, code, message };
}

/** Objects of a document (List items expanded). */
function objectsOf(root: LNode): LMap[] {
  if (root.kind !== 'map') return [];
  const kind = str(get(root, 'kind'));
  if (kind === 'List' || (kind?.endsWith('List') ?? false)) return items(get(root, 'items')).flatMap(objectsOf);
  return kind === undefined ? [] : [root];
}

function addObject(out: BuildResult, obj: LMap): void {
  const kind = str(get(obj, 'kind')) ?? '';
  if (kind === 'ConfigMap') {
    for (const def of configMapsIn(obj)) out.configMaps.push({ names: [def.name], def });
    return;
  }
  const name = str(getPath(obj, 'metadata', 'name')) ?? '';
  const namespace = str(getPath(obj, 'metadata', 'namespace'));
  out.resources.push({ kind, names: [name], ...(namespace !== undefined ? { namespace } : {}), object: obj });
}

/** Builds the kustomization at `path` (a kustomization file). Never throws. */
export function buildKustomization(path: string, context: SourceContext, stack: string[] = []): BuildResult {
  const out: BuildResult = { resources: [], configMaps: [], diagnostics: [] };
  if (stack.includes(path)) {
    out.diagnostics.push({ path, severity: 'error', code: 'unresolved-ref', message: `kustomization cycle: ${[...stack, path].join(' → ')}` });
    return out;
  }
  const k = loadKustomization(path, context);
  if (!k) {
    out.diagnostics.push({ path, severity: 'error', code: 'unreadable', message: 'kustomization cannot be read' });
    return out;
  }
  if (stack.length === 0) out.diagnostics.push(...k.diagnostics);
  if (!k.root) return out;
  const root = k.root;

  // 1. resources and (deprecated) bases, in order.
  for (const ref of referencesOf(path, context)) {
    if (ref.field !== 'resources' && ref.field !== 'bases') continue;
    const at = entryLoc(root, ref.field, ref.entry);
    if (ref.file) {
      const f = loadYamlFile(ref.file, context);
      if (!f) continue;
      out.diagnostics.push(...f.diagnostics);
      for (const r of f.roots) for (const o of objectsOf(clone(r))) addObject(out, o);
    } else if (ref.kustomization) {
      const sub = buildKustomization(ref.kustomization, context, [...stack, path]);
      out.resources.push(...sub.resources);
      out.configMaps.push(...sub.configMaps);
      out.diagnostics.push(...sub.diagnostics);
    } else {
      out.diagnostics.push(diag(at, path, 'warning', 'unresolved-ref', `resource '${ref.entry}' is not in the scanned tree (remote or missing); its settings are not resolved`));
    }
  }

  // 2. configMapGenerator.
  for (const gen of items(get(root, 'configMapGenerator'))) generateConfigMap(k, gen, context, out);

  // 3. patches.
  for (const p of items(get(root, 'patchesStrategicMerge'))) {
    if (p.kind !== 'scalar') continue;
    const docs = patchDocuments(k, p, context, out, p.value.includes('\n') || p.value.includes(':'));
    for (const d of docs) applyStrategicMerge(d, undefined, out, path);
  }
  for (const p of items(get(root, 'patches'))) {
    const docs = patchDocumentsOf(k, p, context, out);
    const target = get(p, 'target');
    for (const d of docs) {
      if (d.kind === 'seq') applyJson6902(d, target, out, path, p.loc);
      else applyStrategicMerge(d, target, out, path);
    }
  }
  for (const p of items(get(root, 'patchesJson6902'))) {
    const target = get(p, 'target');
    for (const d of patchDocumentsOf(k, p, context, out)) applyJson6902(d, target, out, path, p.loc);
  }

  // 4. names.
  const prefix = str(get(root, 'namePrefix')) ?? '';
  const suffix = str(get(root, 'nameSuffix')) ?? '';
  if (prefix !== '' || suffix !== '') {
    for (const r of out.resources) r.names.push(prefix + r.names[r.names.length - 1] + suffix);
    for (const c of out.configMaps) c.names.push(prefix + c.names[c.names.length - 1] + suffix);
  }
  const ns = str(get(root, 'namespace'));
  if (ns !== undefined) {
    for (const r of out.resources) r.namespace = ns;
    for (const c of out.configMaps) c.def.namespace = ns;
  }

  for (const field of ['components', 'replacements', 'vars', 'secretGenerator', 'helmCharts', 'generators', 'transformers', 'validators']) {
    const e = root.entries.find((x) => x.key === field);
    if (!e) continue;
    const notCovered = field === 'components' || field === 'replacements' || field === 'vars' || field === 'helmCharts' || field === 'generators' || field === 'transformers';
    if (notCovered) out.diagnostics.push(diag(e.keyLoc, path, 'note', 'not-covered', `'${field}' is not resolved without the kustomize binary; settings it changes are not seen`));
  }
  return out;
}

/** Location of a list entry in a kustomization (for diagnostics). */
function entryLoc(root: LMap, field: string, entry: string): Loc | undefined {
  for (const i of items(get(root, field))) if (str(i) === entry) return i.loc;
  return undefined;
}

/** Documents of a patch given as a file path or inline text. */
function patchDocuments(k: KustomizationFile, node: LScalar, context: SourceContext, out: BuildResult, inline: boolean): LNode[] {
  if (inline) return inlineDocuments(k, node, out);
  const p = joinPath(k.dir, node.value);
  const f = p === undefined ? undefined : loadYamlFile(p, context);
  if (!f) {
    out.diagnostics.push(diag(node.loc, k.path, 'warning', 'unresolved-ref', `patch file '${node.value}' cannot be read`));
    return [];
  }
  out.diagnostics.push(...f.diagnostics);
  return f.roots.map((r) => tagVia(r, 'patch'));
}

function patchDocumentsOf(k: KustomizationFile, p: LNode, context: SourceContext, out: BuildResult): LNode[] {
  const pathN = get(p, 'path');
  if (pathN?.kind === 'scalar' && !pathN.isNull) return patchDocuments(k, pathN, context, out, false);
  const inline = get(p, 'patch');
  if (inline?.kind === 'scalar' && !inline.isNull) return inlineDocuments(k, inline, out);
  return [];
}

/** Parses YAML written inside a scalar of the kustomization, with positions in the kustomization. */
function inlineDocuments(k: KustomizationFile, node: LScalar, out: BuildResult): LNode[] {
  const verbatim = verbatimRange(node.loc, node.value);
  const map =
    blockScalarOffsetMap(node.loc, node.value) ??
    (verbatim ? (o: number) => verbatim.start + o : (_o: number) => node.loc.start);
  const parsed = parseYaml(k.path, node.value, { lines: new LineIndex(node.value), fileLines: k.lines, mapOffset: map });
  out.diagnostics.push(...parsed.diagnostics);
  return parsed.documents.flatMap((d) => (d.root ? [tagVia(d.root, 'patch')] : []));
}

function generateConfigMap(k: KustomizationFile, gen: LNode, context: SourceContext, out: BuildResult): void {
  const name = str(get(gen, 'name'));
  if (name === undefined) return;
  const behavior = str(get(gen, 'behavior')) ?? 'create';
  const data = new Map<string, LScalar>();
  // envs files first, then literals (kustomize api/kv: LoadEnvFiles before literal sources).
  const envFiles = [...items(get(gen, 'envs')), ...(get(gen, 'env') ? [get(gen, 'env')!] : [])];
  for (const ef of envFiles) {
    const rel = str(ef);
    if (rel === undefined) continue;
    const p = joinPath(k.dir, rel);
    const text = p === undefined ? undefined : context.readFile(p);
    if (p === undefined || text === undefined) {
      out.diagnostics.push(diag(ef.loc, k.path, 'warning', 'unresolved-ref', `configMapGenerator env file '${rel}' cannot be read`));
      continue;
    }
    const lines = new LineIndex(text);
    // kustomize's env-file format: KEY=VALUE per line, `#` comments, no quote processing.
    let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (const raw of text.slice(offset).split('\n')) {
      const lineStart = offset;
      offset += raw.length + 1;
      const line = raw.replace(/\r$/, '');
      const lead = line.length - line.trimStart().length;
      const t = line.trimStart();
      if (t === '' || t.startsWith('#')) continue;
      const eq = t.indexOf('=');
      if (eq < 0) continue; // KEY alone reads the kustomize process environment
      const key = t.slice(0, eq);
      const value = t.slice(eq + 1);
      const start = lineStart + lead + eq + 1;
      data.set(key, { kind: 'scalar', value, isNull: false, loc: { path: p, lines, start, end: start + value.length, via: 'generator' } });
    }
  }
  for (const lit of items(get(gen, 'literals'))) {
    if (lit.kind !== 'scalar' || lit.isNull) continue;
    const eq = lit.value.indexOf('=');
    if (eq < 0) continue;
    const key = lit.value.slice(0, eq);
    let value = lit.value.slice(eq + 1);
    let vStart = eq + 1;
    let vEnd = lit.value.length;
    // kustomize strips one pair of surrounding quotes from a literal value (api/kv parseLiteralSource).
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]!)) {
      value = value.slice(1, -1);
      vStart++;
      vEnd--;
    }
    const r = verbatimRange(lit.loc, lit.value);
    const loc: Loc = r ? { ...lit.loc, start: r.start + vStart, end: r.start + vEnd, via: 'generator' } : { ...lit.loc, via: 'generator' };
    data.set(key, { kind: 'scalar', value, isNull: false, loc });
  }
  if (behavior === 'merge' || behavior === 'replace') {
    const existing = out.configMaps.find((c) => c.names.includes(name));
    if (!existing) {
      out.diagnostics.push(diag(get(gen, 'name')?.loc, k.path, 'warning', 'unresolved-ref', `configMapGenerator '${name}' has behavior ${behavior} but no ConfigMap '${name}' comes from the resources`));
      return;
    }
    if (behavior === 'replace') existing.def.data = data;
    else for (const [key, v] of data) existing.def.data.set(key, v);
    return;
  }
  out.configMaps.push({ names: [name], def: { name, path: k.path, data } });
}

/** Resources a patch applies to: an explicit target, else the patch's own kind and name. */
function targets(patch: LNode | undefined, target: LNode | undefined, out: BuildResult): BuiltResource[] {
  if (target) {
    const kind = str(get(target, 'kind'));
    const name = str(get(target, 'name'));
    const ns = str(get(target, 'namespace'));
    let re: RegExp | undefined;
    try {
      re = name === undefined ? undefined : new RegExp(`^(?:${name})$`);
    } catch {
      re = undefined;
    }
    return out.resources.filter(
      (r) => (kind === undefined || r.kind === kind) && (name === undefined || r.names.some((n) => n === name || (re?.test(n) ?? false))) && (ns === undefined || r.namespace === undefined || r.namespace === ns),
    );
  }
  const kind = str(get(patch, 'kind'));
  const name = str(getPath(patch, 'metadata', 'name'));
  return out.resources.filter((r) => r.kind === kind && name !== undefined && r.names.includes(name));
}

function applyStrategicMerge(patch: LNode, target: LNode | undefined, out: BuildResult, kpath: string): void {
  if (patch.kind !== 'map') return;
  const kind = str(get(patch, 'kind'));
  if (kind === 'ConfigMap' && !target) {
    const name = str(getPath(patch, 'metadata', 'name'));
    const cm = out.configMaps.find((c) => name !== undefined && c.names.includes(name));
    const data = get(patch, 'data');
    if (cm && data?.kind === 'map') for (const e of data.entries) if (e.value.kind === 'scalar') cm.def.data.set(e.key, e.value);
    return;
  }
  const ts = targets(patch, target, out);
  if (ts.length === 0) {
    out.diagnostics.push(diag(patch.loc, kpath, 'warning', 'unresolved-ref', `patch targets ${kind ?? '?'}/${str(getPath(patch, 'metadata', 'name')) ?? '?'}, which no resource of this kustomization matches`));
    return;
  }
  for (const t of ts) {
    const merged = strategicMerge(t.object, patch, '');
    // Identity (kind, name) is not patched.
    if (merged?.kind === 'map') t.object = merged;
  }
}

/** patchMergeKey of the lists godrift reads (k8s.io/api core/v1 struct tags); other lists are replaced. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  tolerations: 'key',
};

function isDirective(key: string): boolean {
  return key.startsWith('$');
}

/** Strategic merge of `patch` into `base` (k8s.io/apimachinery strategicpatch, simplified). Undefined = delete. */
function strategicMerge(base: LNode | undefined, patch: LNode, field: string, keepKey?: string): LNode | undefined {
  if (patch.kind === 'scalar') return patch.isNull ? undefined : patch;
  if (patch.kind === 'map') {
    const directive = str(get(patch, '$patch'));
    if (directive === 'delete') return undefined;
    const clean: LMap = { ...patch, entries: patch.entries.filter((e) => !isDirective(e.key)) };
    if (directive === 'replace' || base?.kind !== 'map') return clean;
    const entries: LEntry[] = [...base.entries];
    for (const e of clean.entries) {
      const idx = findLastIndex(entries, (x) => x.key === e.key);
      // The merge key of a list item only identifies it: the item keeps the base's location.
      if (e.key === keepKey && idx >= 0) continue;
      const merged = strategicMerge(idx >= 0 ? entries[idx]!.value : undefined, e.value, e.key);
      if (merged === undefined) {
        if (idx >= 0) entries.splice(idx, 1);
      } else if (idx >= 0) entries[idx] = { ...entries[idx]!, value: merged };
      else entries.push({ ...e, value: merged });
    }
    return { ...base, entries };
  }
  // Sequence.
  const mergeKey = MERGE_KEYS[field];
  if (!mergeKey || base?.kind !== 'seq') return { ...patch, items: patch.items.filter((i) => !(i.kind === 'map' && get(i, '$patch'))) };
  const result = [...base.items];
  for (const item of patch.items) {
    const key = str(get(item, mergeKey));
    const idx = key === undefined ? -1 : result.findIndex((r) => str(get(r, mergeKey)) === key);
    const merged = strategicMerge(idx >= 0 ? result[idx] : undefined, item, '', mergeKey);
    if (merged === undefined) {
      if (idx >= 0) result.splice(idx, 1);
    } else if (idx >= 0) result[idx] = merged;
    else result.push(merged);
  }
  return { ...base, items: result };
}

function findLastIndex<T>(a: T[], f: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (f(a[i]!)) return i;
  return -1;
}

/** RFC 6902 operations (add, replace, remove, copy, move; test is ignored) on located trees. */
function applyJson6902(ops: LNode, target: LNode | undefined, out: BuildResult, kpath: string, at: Loc): void {
  if (ops.kind !== 'seq') return;
  const ts = targets(undefined, target, out);
  if (ts.length === 0) {
    out.diagnostics.push(diag(at, kpath, 'warning', 'unresolved-ref', 'JSON 6902 patch target matches no resource of this kustomization'));
    return;
  }
  for (const t of ts) {
    for (const op of ops.items) {
      const name = str(get(op, 'op'));
      const path = str(get(op, 'path'));
      if (name === undefined || path === undefined) continue;
      let value = get(op, 'value');
      if (name === 'copy' || name === 'move') {
        const from = str(get(op, 'from'));
        value = from === undefined ? undefined : lookup(t.object, pointer(from));
        if (value && name === 'move') mutate(t.object, pointer(from!), 'remove', undefined);
      }
      if (name === 'test') continue;
      const ok = mutate(t.object, pointer(path), name === 'remove' ? 'remove' : name === 'replace' ? 'replace' : 'add', value);
      if (!ok) out.diagnostics.push(diag(get(op, 'path')?.loc, kpath, 'warning', 'patch-failed', `JSON 6902 ${name} at '${path}' does not apply to ${t.kind}/${t.names[0]}`));
    }
  }
}

function pointer(p: string): string[] {
  if (p === '' || p === '/') return [];
  return p
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lookup(node: LNode | undefined, path: string[]): LNode | undefined {
  let cur = node;
  for (const seg of path) {
    if (cur?.kind === 'map') cur = get(cur, seg);
    else if (cur?.kind === 'seq' && /^\d+$/.test(seg)) cur = cur.items[Number(seg)];
    else return undefined;
  }
  return cur;
}

function mutate(root: LMap, path: string[], op: 'add' | 'replace' | 'remove', value: LNode | undefined): boolean {
  if (path.length === 0) return false;
  const parent = lookup(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (parent?.kind === 'map') {
    const idx = findLastIndex(parent.entries, (e) => e.key === last);
    if (op === 'remove') {
      if (idx < 0) return false;
      parent.entries.splice(idx, 1);
      return true;
    }
    if (!value) return false;
    if (idx >= 0) parent.entries[idx] = { ...parent.entries[idx]!, value };
    else if (op === 'replace') return false;
    else parent.entries.push({ key: last, keyLoc: value.loc, value });
    return true;
  }
  if (parent?.kind === 'seq') {
    if (last === '-' && op === 'add' && value) {
      parent.items.push(value);
      return true;
    }
    if (!/^\d+$/.test(last)) return false;
    const i = Number(last);
    if (op === 'remove') {
      if (i >= parent.items.length) return false;
      parent.items.splice(i, 1);
      return true;
    }
    if (!value) return false;
    if (op === 'replace') {
      if (i >= parent.items.length) return false;
      parent.items[i] = value;
    } else {
      if (i > parent.items.length) return false;
      parent.items.splice(i, 0, value);
    }
    return true;
  }
  return false;
}
