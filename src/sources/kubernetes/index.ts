// Kubernetes manifests: env, envFrom and resources of every container of every workload, with
// exact value spans. See README.md for what is and is not covered.
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Observation } from '../../core/types.js';
import { isComposePath } from '../compose/index.js';
import { isKustomizationPath, isReferencedByKustomization } from '../kustomize/graph.js';
import type { Extractor, ExtractResult, SourceContext, SourceFile } from '../types.js';
import { baseOf, dirOf } from '../common/paths.js';
import { isYamlPath, parseYaml } from '../yaml-common/index.js';
import { configMapsIn, containerSettings, settingsObservations, WORKLOAD_KINDS, workloadsIn } from './workloads.js';
import type { ConfigMapDef, ConfigMapResolver } from './workloads.js';

const WORKLOAD_SET = new Set(WORKLOAD_KINDS);
const TOP_LEVEL_KIND = /^kind:[ \t]*["']?([A-Za-z0-9]+)/m;

/**
 * Fast pre-filter on a document's raw text: only documents that can hold a pod template are
 * composed. A top-level `kind:` line decides; documents without one (JSON or flow style) are
 * parsed when they mention `containers`.
 */
export function isWorkloadDocument(docText: string): boolean {
  const m = TOP_LEVEL_KIND.exec(docText);
  if (m) return WORKLOAD_SET.has(m[1]!) || m[1]!.endsWith('List');
  return docText.includes('containers');
}

function isConfigMapDocument(docText: string): boolean {
  const m = TOP_LEVEL_KIND.exec(docText);
  if (m) return m[1] === 'ConfigMap' || m[1]!.endsWith('List');
  return docText.includes('ConfigMap');
}

/** True for files of other extractors or tools that happen to be YAML. */
function isOtherYaml(path: string): boolean {
  const base = baseOf(path);
  return (
    isComposePath(path) ||
    isKustomizationPath(path) ||
    /(^|\/)\.github\/workflows\//.test(path) ||
    /^\.gitlab-ci\.ya?ml$/.test(base) ||
    base === 'Chart.yaml' ||
    base === 'Chart.yml'
  );
}

/** Helm chart template or values file: the helm extractor renders those. Needs the file list. */
export function isHelmChartFile(path: string, files: ReadonlySet<string>): boolean {
  const dir = dirOf(path);
  if (/^values[^/]*\.ya?ml$/.test(baseOf(path)) && (files.has(joinDir(dir, 'Chart.yaml')) || files.has(joinDir(dir, 'Chart.yml')))) return true;
  const parts = dir === '' ? [] : dir.split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    if (parts[i] !== 'templates') continue;
    const chartDir = parts.slice(0, i).join('/');
    if (files.has(joinDir(chartDir, 'Chart.yaml')) || files.has(joinDir(chartDir, 'Chart.yml'))) return true;
  }
  return false;
}

function joinDir(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Per-scan caches: file set, files per directory, ConfigMaps per directory. */
interface ScanCache {
  files: Set<string>;
  byDir: Map<string, string[]>;
  configMaps: Map<string, ConfigMapDef[]>;
}
const scanCaches = new WeakMap<readonly string[], ScanCache>();

function scanCache(context: SourceContext): ScanCache {
  let c = scanCaches.get(context.allFiles);
  if (!c) {
    const byDir = new Map<string, string[]>();
    for (const f of context.allFiles) {
      if (!isYamlPath(f)) continue;
      const d = dirOf(f);
      const list = byDir.get(d);
      if (list) list.push(f);
      else byDir.set(d, [f]);
    }
    c = { files: new Set(context.allFiles), byDir, configMaps: new Map() };
    scanCaches.set(context.allFiles, c);
  }
  return c;
}

/** ConfigMaps defined in YAML files of one directory (parsed once per scan). */
function configMapsOfDir(dir: string, context: SourceContext, cache: ScanCache): ConfigMapDef[] {
  const hit = cache.configMaps.get(dir);
  if (hit) return hit;
  const defs: ConfigMapDef[] = [];
  for (const f of cache.byDir.get(dir) ?? []) {
    if (isOtherYaml(f) || isHelmChartFile(f, cache.files)) continue;
    const text = context.readFile(f);
    if (text === undefined || !text.includes('ConfigMap')) continue;
    const parsed = parseYaml(f, text, { accept: isConfigMapDocument });
    for (const d of parsed.documents) defs.push(...configMapsIn(d.root));
  }
  cache.configMaps.set(dir, defs);
  return defs;
}

function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * Plain (kustomize-free) ConfigMap resolution: a ConfigMap of that name in the same file wins,
 * else the only one of that name in the same directory; several candidates = unresolved.
 */
function plainResolver(path: string, context: SourceContext): ConfigMapResolver {
  const cache = scanCache(context);
  return (name, namespace) => {
    const defs = configMapsOfDir(dirOf(path), context, cache).filter((d) => d.name === name && sameNamespace(d.namespace, namespace));
    const inFile = defs.filter((d) => d.path === path);
    if (inFile.length > 0) return inFile[inFile.length - 1];
    return defs.length === 1 ? defs[0] : undefined;
  };
}

export const kubernetesExtractor: Extractor = {
  id: 'kubernetes',
  matches(path: string, head?: string): boolean {
    if (!isYamlPath(path) || isOtherYaml(path)) return false;
    if (head === undefined) return true;
    // Helm templates are not YAML until rendered.
    if (/(^|\/)templates\//.test(path) && head.includes('{{')) return false;
    const content = head.replace(/^[ \t]*#.*$/gm, '').trim();
    // A head of only comments (licence header) cannot decide; otherwise require Kubernetes keys.
    return content === '' || /\b(?:kind|apiVersion)\b/.test(head);
  },
  extract(file: SourceFile, context: SourceContext): ExtractResult {
    try {
      return extractKubernetes(file, context);
    } catch (err) {
      return { observations: [], diagnostics: [{ path: file.path, severity: 'error', code: 'internal-error', message: `kubernetes extractor failed: ${String(err)}` }] };
    }
  },
};

function extractKubernetes(file: SourceFile, context: SourceContext): ExtractResult {
  const cache = scanCache(context);
  // Helm charts go to the helm extractor; files a kustomization uses are reported per overlay by
  // the kustomize extractor (see ../kustomize/README.md: no double counting).
  if (isHelmChartFile(file.path, cache.files) || isReferencedByKustomization(file.path, context)) {
    return { observations: [], diagnostics: [] };
  }
  if (!TOP_LEVEL_KIND.test(file.text) && !file.text.includes('containers')) return { observations: [], diagnostics: [] };
  const lines = new LineIndex(file.text);
  const parsed = parseYaml(file.path, file.text, { lines, accept: isWorkloadDocument });
  const observations: Observation[] = [];
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  let resolver: ConfigMapResolver | undefined;
  const resolve: ConfigMapResolver = (name, ns) => (resolver ??= plainResolver(file.path, context))(name, ns);
  for (const doc of parsed.documents) {
    for (const w of workloadsIn(doc.root)) {
      const settings = containerSettings(w, resolve);
      observations.push(...settingsObservations(settings));
      diagnostics.push(...settings.diagnostics);
    }
  }
  return { observations, diagnostics };
}
