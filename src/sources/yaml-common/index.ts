// Shared YAML reading for extractors: fast document splitting (so callers can skip documents
// without composing them), a small located tree (every scalar keeps the file, offsets and the
// LineIndex it came from, so values can move between files — Kustomize patches — and still point
// at the place that wrote them), and parse errors as Diagnostics. Built on eemeli/yaml v2.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Span } from '../../core/types.js';
import { readYamlFast } from './fast.js';
import { yamlErrorText } from './nodes.js';

/** [start, end) offsets (0-based, UTF-16) of one YAML document's text inside its file, marker line included. */
export interface DocumentRange {
  start: number;
  end: number;
}

/**
 * Splits a YAML stream at `---` / `...` marker lines without parsing. A marker at column 0 always
 * ends a document in YAML (even inside block scalars and multi-line flow scalars), so the split is
 * exact; directives (`%YAML`) before a marker stay with the previous chunk (not supported).
 */
export function splitYamlDocuments(text: string): DocumentRange[] {
  const out: DocumentRange[] = [];
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = marker.exec(text)) !== null) {
    if (m[0] === '---') {
      if (m.index > start) out.push({ start, end: m.index });
      start = m.index;
    } else {
      // `...` ends the document; the next one starts after the marker line.
      out.push({ start, end: m.index });
      const nl = text.indexOf('\n', m.index);
      start = nl < 0 ? text.length : nl + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  // Drop chunks that hold nothing but blank lines and comments.
  return out.filter((r) => /^[ \t]*[^#\s]/m.test(text.slice(r.start, r.end).replace(/^---/, '')));
}

/** Where a located node sits: a file, its LineIndex, and [start, end) offsets in that file. */
export interface Loc {
  /** Repository-relative path. */
  path: string;
  lines: LineIndex;
  /** 0-based offsets, end exclusive. For quoted scalars the quotes are included. */
  start: number;
  end: number;
  /**
   * How the node reached a resource when a tool rewrote it (Kustomize): `patch` for values taken
   * from a patch, `generator` for values from a configMapGenerator. Absent for plain manifests.
   */
  via?: 'patch' | 'generator';
}

export interface LScalar {
  kind: 'scalar';
  /** Value after YAML unquoting; numbers and booleans keep their source text (`100`, `true`). */
  value: string;
  /** True for `null`, `~` and empty plain scalars (value is then ''). */
  isNull: boolean;
  /** Span of the value as written (quotes included; block scalars: from the first content character). */
  loc: Loc;
}

export interface LEntry {
  key: string;
  keyLoc: Loc;
  value: LNode;
}

export interface LMap {
  kind: 'map';
  /** In source order; merge-key (`<<`) entries come first so explicit keys win in {@link get}. */
  entries: LEntry[];
  loc: Loc;
}

export interface LSeq {
  kind: 'seq';
  items: LNode[];
  loc: Loc;
}

/** A YAML node with source locations. Aliases are expanded (the copy keeps the anchor's location). */
export type LNode = LScalar | LMap | LSeq;

/** One parsed document: its range in the file and its root (undefined for an empty document). */
export interface LDocument {
  range: DocumentRange;
  root: LNode | undefined;
  /** True when the document had syntax errors (its root is then undefined). */
  broken: boolean;
}

export interface ParseOptions {
  /** Decide from a document's raw text whether to parse it (fast skip of irrelevant documents). */
  accept?: (docText: string) => boolean;
  /** LineIndex of `text`, when the caller already has one. */
  lines?: LineIndex;
  /** Maps an offset in `text` to an offset in the file `path` (for YAML embedded in a scalar). */
  mapOffset?: (offset: number) => number;
  /** LineIndex of the file `path` when `mapOffset` is used. */
  fileLines?: LineIndex;
  /**
   * Read documents in the plain block subset with the fast reader (./fast.ts), which gives the
   * same tree; default true. False forces yaml for every document (equivalence tests).
   */
  fast?: boolean;
}

export interface ParsedYaml {
  documents: LDocument[];
  diagnostics: Diagnostic[];
  lines: LineIndex;
}

const PARSE_OPTIONS = { merge: true, prettyErrors: false, uniqueKeys: false, keepSourceTokens: false } as const;

/**
 * Parses the documents of a YAML file that `accept` wants. Syntax errors become `parse-error`
 * Diagnostics (1-based line/column); a broken document yields no root, the others still parse.
 * Never throws.
 */
export function parseYaml(path: string, text: string, options: ParseOptions = {}): ParsedYaml {
  const lines = options.lines ?? new LineIndex(text);
  const fileLines = options.fileLines ?? lines;
  const map = options.mapOffset ?? ((o: number) => o);
  const documents: LDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const range of splitYamlDocuments(text)) {
    const docText = text.slice(range.start, range.end);
    if (options.accept && !options.accept(docText)) continue;
    if (options.fast !== false) {
      const fast = readYamlFast(docText, { path, lines: fileLines, map: (o) => map(range.start + o) });
      if (fast !== undefined) {
        documents.push({ range, root: fast ?? undefined, broken: false });
        continue;
      }
    }
    let doc: Document.Parsed;
    try {
      doc = parseDocument(docText, PARSE_OPTIONS);
    } catch (err) {
      const pos = fileLines.position(map(range.start));
      diagnostics.push({ path, line: pos.line, column: pos.column, severity: 'error', code: 'parse-error', message: `cannot parse YAML: ${String(err)}` });
      documents.push({ range, root: undefined, broken: true });
      continue;
    }
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = fileLines.position(map(range.start + (e.pos?.[0] ?? 0)));
        diagnostics.push({
          path,
          line: pos.line,
          column: pos.column,
          severity: 'error',
          code: 'parse-error',
          message: `invalid YAML: ${yamlErrorText(e.message)}`,
        });
      }
      documents.push({ range, root: undefined, broken: true });
      continue;
    }
    const conv = new Converter(doc, path, fileLines, (o) => map(range.start + o), docText);
    let root: LNode | undefined;
    try {
      root = doc.contents ? conv.node(doc.contents as YamlNode, 0) : undefined;
    } catch (err) {
      const pos = fileLines.position(map(range.start));
      diagnostics.push({ path, line: pos.line, column: pos.column, severity: 'error', code: 'parse-error', message: String(err instanceof Error ? err.message : err) });
      root = undefined;
    }
    documents.push({ range, root, broken: root === undefined && doc.contents != null });
  }
  return { documents, diagnostics, lines };
}

const MAX_NODES = 200_000;

class Converter {
  private count = 0;
  constructor(
    private readonly doc: Document.Parsed,
    private readonly path: string,
    private readonly lines: LineIndex,
    private readonly map: (docOffset: number) => number,
    private readonly docText: string,
  ) {}

  private loc(start: number, end: number): Loc {
    return { path: this.path, lines: this.lines, start: this.map(start), end: this.map(end) };
  }

  node(n: YamlNode | null | undefined, depth: number, fallbackAt = 0): LNode {
    if (++this.count > MAX_NODES || depth > 200) throw new Error('YAML too large or too deeply nested (alias expansion?)');
    if (n == null) return { kind: 'scalar', value: '', isNull: true, loc: this.loc(fallbackAt, fallbackAt) };
    if (isAlias(n)) {
      const target = n.resolve(this.doc);
      return this.node(target as YamlNode | undefined, depth + 1, n.range?.[0] ?? fallbackAt);
    }
    if (isScalar(n)) return this.scalar(n);
    if (isMap(n)) {
      const explicit: LEntry[] = [];
      const merged: LEntry[][] = [];
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YamlNode | null;
        if (isScalar(k) && (typeof k.value === 'symbol' || (k.source === '<<' && k.type === Scalar.PLAIN))) {
          const v = pair.value as YamlNode | null;
          const sources = isSeq(v) ? (v.items as YamlNode[]) : [v];
          for (const s of sources.reverse()) {
            const m = this.node(s, depth + 1);
            if (m.kind === 'map') merged.push(m.entries);
          }
          continue;
        }
        const keyNode = k == null ? undefined : this.node(k, depth + 1);
        const key = keyNode?.kind === 'scalar' ? keyNode.value : '';
        const keyLoc = keyNode?.loc ?? this.loc(n.range?.[0] ?? 0, n.range?.[0] ?? 0);
        const value = this.node(pair.value as YamlNode | null, depth + 1, k?.range?.[1] ?? n.range?.[0] ?? 0);
        explicit.push({ key, keyLoc, value });
      }
      const r = n.range ?? [0, 0, 0];
      return { kind: 'map', entries: [...merged.flat(), ...explicit], loc: this.loc(r[0], this.trimEnd(r[0], r[1])) };
    }
    if (isSeq(n)) {
      const r = n.range ?? [0, 0, 0];
      return { kind: 'seq', items: n.items.map((i) => this.node(i as YamlNode, depth + 1, r[0])), loc: this.loc(r[0], this.trimEnd(r[0], r[1])) };
    }
    return { kind: 'scalar', value: '', isNull: true, loc: this.loc(fallbackAt, fallbackAt) };
  }

  /** Collections' ranges run to the next line; spans stop at the last character written. */
  private trimEnd(start: number, end: number): number {
    let e = end;
    while (e > start && /\s/.test(this.docText[e - 1]!)) e--;
    return e;
  }

  private scalar(n: Scalar): LScalar {
    const r = n.range ?? [0, 0, 0];
    let start = r[0];
    let end = r[1];
    const v = n.value;
    const isNull = v === null;
    let value: string;
    if (typeof v === 'string') value = v;
    else if (isNull) value = '';
    else value = typeof n.source === 'string' ? n.source : String(v);
    if (n.type === Scalar.BLOCK_LITERAL || n.type === Scalar.BLOCK_FOLDED) {
      // Span the content, not the `|`/`>` header; keep one final line break when the value has one.
      const nl = this.docText.indexOf('\n', start);
      if (nl >= 0 && nl < end) {
        let s = nl + 1;
        while (s < end && (this.docText[s] === ' ' || this.docText[s] === '\n' || this.docText[s] === '\r')) s++;
        let e = end;
        while (e > s && /\s/.test(this.docText[e - 1]!)) e--;
        if (value.endsWith('\n') && this.docText[e] === '\r') e++;
        if (value.endsWith('\n') && this.docText[e] === '\n') e++;
        start = s;
        end = Math.max(s, e);
      }
    }
    return { kind: 'scalar', value, isNull, loc: this.loc(start, end) };
  }
}

/** The value of `key` in a map (last occurrence wins, as Kubernetes and Compose decode it). */
export function get(node: LNode | undefined, key: string): LNode | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) {
    if (node.entries[i]!.key === key) return node.entries[i]!.value;
  }
  return undefined;
}

/** The entry of `key` in a map (with its key location). */
export function getEntry(node: LNode | undefined, key: string): LEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) {
    if (node.entries[i]!.key === key) return node.entries[i]!;
  }
  return undefined;
}

/** Follows a path of map keys. */
export function getPath(node: LNode | undefined, ...keys: string[]): LNode | undefined {
  let cur = node;
  for (const k of keys) cur = get(cur, k);
  return cur;
}

/** The string value of a non-null scalar, else undefined. */
export function str(node: LNode | undefined): string | undefined {
  return node?.kind === 'scalar' && !node.isNull ? node.value : undefined;
}

/** Items of a sequence ([] for anything else). */
export function items(node: LNode | undefined): LNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

/** Span of a located node. */
export function locSpan(loc: Loc): Span {
  return loc.lines.span(loc.path, loc.start, loc.end);
}

/** Deep copy (Kustomize builds mutate resources; cached parses must stay intact). */
export function clone<T extends LNode>(node: T): T {
  if (node.kind === 'scalar') return { ...node };
  if (node.kind === 'map') return { ...node, entries: node.entries.map((e) => ({ ...e, value: clone(e.value) })) } as T;
  return { ...node, items: node.items.map((i) => clone(i)) } as T;
}

/** Copy of a tree with every location tagged `via` (values that came from a patch or generator). */
export function tagVia<T extends LNode>(node: T, via: 'patch' | 'generator'): T {
  const loc = { ...node.loc, via };
  if (node.kind === 'scalar') return { ...node, loc };
  if (node.kind === 'map') return { ...node, loc, entries: node.entries.map((e) => ({ ...e, value: tagVia(e.value, via) })) } as T;
  return { ...node, loc, items: node.items.map((i) => tagVia(i, via)) } as T;
}

/**
 * Offsets of a quoted or plain scalar's unquoted text, when the text is written verbatim (no
 * escapes or folding): returns the [start, end) of `value` inside the written span, else undefined.
 */
export function verbatimRange(loc: Loc, value: string): { start: number; end: number } | undefined {
  const written = loc.lines.text.slice(loc.start, loc.end);
  if (written === value) return { start: loc.start, end: loc.end };
  const q = written[0];
  if ((q === '"' || q === "'") && written.length >= 2 && written.endsWith(q) && written.slice(1, -1) === value) {
    return { start: loc.start + 1, end: loc.end - 1 };
  }
  return undefined;
}

/**
 * Maps offsets inside the value of a literal block scalar (`|`, as used for inline Kustomize
 * patches) to offsets in the file that holds it: each value line is a file line with the block's
 * indentation removed. Undefined when the scalar is not a verbatim literal block.
 */
export function blockScalarOffsetMap(loc: Loc, value: string): ((offset: number) => number) | undefined {
  const text = loc.lines.text;
  const header = text.lastIndexOf('\n', loc.start - 1);
  // loc.start is the first content character; its column is the block indentation.
  const indent = loc.start - (header + 1);
  const firstLine = loc.lines.position(loc.start).line;
  const valueLines = value.split('\n');
  for (let i = 0; i < valueLines.length; i++) {
    const vl = valueLines[i]!;
    if (vl === '') continue;
    const fileLine = loc.lines.lineText(firstLine + i);
    if (fileLine.slice(indent) !== vl) return undefined;
  }
  const starts: number[] = [0];
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    const col = offset - starts[line]!;
    const lineStart = loc.lines.offsetOf(firstLine + line, 1);
    const lineLen = loc.lines.lineText(firstLine + line).length;
    return lineStart + Math.min(indent + col, Math.max(lineLen, indent + col));
  };
}

/** True for `.yaml` / `.yml` paths. */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}
