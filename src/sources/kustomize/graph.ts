// Which kustomizations exist in the scanned tree, what they reference, and which of them are
// roots (not referenced by another). Shared with the kubernetes extractor, which skips files that
// a kustomization references: the kustomize extractor reports them per overlay instead.
import { LineIndex } from '../../core/text.js';
import type { Diagnostic } from '../../core/types.js';
import type { SourceContext } from '../types.js';
import { LruCache } from '../common/lru.js';
import { baseOf, dirOf, joinPath } from '../common/paths.js';
import { get, items, parseYaml, str } from '../yaml-common/index.js';
import type { LMap } from '../yaml-common/index.js';

/** File names kustomize accepts, in its lookup order (api/konfig.RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function isKustomizationPath(path: string): boolean {
  return (KUSTOMIZATION_NAMES as readonly string[]).includes(baseOf(path));
}

export interface KustomizationFile {
  path: string;
  dir: string;
  text: string;
  lines: LineIndex;
  root: LMap | undefined;
  diagnostics: Diagnostic[];
}

/** A reference from a kustomization to another file or kustomization directory. */
export interface Reference {
  /** The entry as written. */
  entry: string;
  /** Field it came from (`resources`, `patches`, …). */
  field: string;
  /** Repository-relative file when the entry names a file in the scan. */
  file?: string;
  /** Kustomization file when the entry names a directory holding one. */
  kustomization?: string;
}

interface Index {
  files: Set<string>;
  /** Parsed kustomizations, most recently used only (re-read on demand; see LruCache). */
  kustomizations: LruCache<string, KustomizationFile | undefined>;
  references: Map<string, Reference[]>;
  referenced?: Set<string>;
  referencedKustomizations?: Set<string>;
}

/** Parsed files kept per scan; overlays of one base are read close together. */
const PARSE_CACHE_SIZE = 512;

// Keyed by the scan's file list: one analysis per scan, shared by both extractors.
const cache = new WeakMap<readonly string[], Index>();

function index(context: SourceContext): Index {
  let ix = cache.get(context.allFiles);
  if (!ix) {
    ix = { files: new Set(context.allFiles), kustomizations: new LruCache(PARSE_CACHE_SIZE), references: new Map() };
    cache.set(context.allFiles, ix);
  }
  return ix;
}

/** Kustomization file of a directory, if the scan holds one. */
export function kustomizationIn(dir: string, context: SourceContext): string | undefined {
  const ix = index(context);
  for (const n of KUSTOMIZATION_NAMES) {
    const p = dir === '' ? n : `${dir}/${n}`;
    if (ix.files.has(p)) return p;
  }
  return undefined;
}

/** Parsed kustomization (cached per scan). */
export function loadKustomization(path: string, context: SourceContext): KustomizationFile | undefined {
  const ix = index(context);
  if (ix.kustomizations.has(path)) return ix.kustomizations.get(path);
  const text = context.readFile(path);
  let k: KustomizationFile | undefined;
  if (text !== undefined) {
    const lines = new LineIndex(text);
    const parsed = parseYaml(path, text, { lines });
    const root = parsed.documents[0]?.root;
    k = { path, dir: dirOf(path), text, lines, root: root?.kind === 'map' ? root : undefined, diagnostics: parsed.diagnostics };
  }
  ix.kustomizations.set(path, k);
  return k;
}

/** Entries that name files or directories, by field. */
function entriesOf(root: LMap): { field: string; entry: string }[] {
  const out: { field: string; entry: string }[] = [];
  for (const field of ['resources', 'bases', 'components', 'crds']) {
    for (const i of items(get(root, field))) {
      const s = str(i);
      if (s !== undefined) out.push({ field, entry: s });
    }
  }
  for (const i of items(get(root, 'patchesStrategicMerge'))) {
    const s = str(i);
    // Inline patches are YAML text; file entries are single-line paths.
    if (s !== undefined && !s.includes('\n') && !s.includes(':')) out.push({ field: 'patchesStrategicMerge', entry: s });
  }
  for (const field of ['patches', 'patchesJson6902']) {
    for (const i of items(get(root, field))) {
      const s = str(get(i, 'path'));
      if (s !== undefined) out.push({ field, entry: s });
    }
  }
  return out;
}

/** What a kustomization references (resolved against the scan's files). */
export function referencesOf(path: string, context: SourceContext): Reference[] {
  const ix = index(context);
  const cached = ix.references.get(path);
  if (cached) return cached;
  const k = loadKustomization(path, context);
  const refs: Reference[] = [];
  if (k?.root) {
    for (const { field, entry } of entriesOf(k.root)) {
      const p = joinPath(k.dir, entry);
      const ref: Reference = { entry, field };
      if (p !== undefined && !/^[a-z]+:\/\//i.test(entry)) {
        if (ix.files.has(p)) ref.file = p;
        else {
          const kp = kustomizationIn(p, context);
          if (kp) ref.kustomization = kp;
        }
      }
      refs.push(ref);
    }
  }
  ix.references.set(path, refs);
  return refs;
}

function analyse(context: SourceContext): Index {
  const ix = index(context);
  if (ix.referenced && ix.referencedKustomizations) return ix;
  const referenced = new Set<string>();
  const referencedK = new Set<string>();
  for (const f of context.allFiles) {
    if (!isKustomizationPath(f)) continue;
    for (const r of referencesOf(f, context)) {
      if (r.file) referenced.add(r.file);
      if (r.kustomization) referencedK.add(r.kustomization);
    }
  }
  ix.referenced = referenced;
  ix.referencedKustomizations = referencedK;
  return ix;
}

/** True when some kustomization in the scan references `path` as a resource or patch file. */
export function isReferencedByKustomization(path: string, context: SourceContext): boolean {
  return analyse(context).referenced!.has(path);
}

/** True when another kustomization uses this one as a base or component (it is then built as part of it). */
export function isReferencedKustomization(path: string, context: SourceContext): boolean {
  return analyse(context).referencedKustomizations!.has(path);
}
