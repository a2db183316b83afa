// YAML helpers over eemeli/yaml's own documents and nodes, for extractors that walk the parsed
// document directly (github-actions, gitlab-ci, helm); ./index.ts has the located tree that
// kubernetes, kustomize and compose use. Here: parsing with parse errors as Diagnostics, map and
// sequence access with aliases followed and `<<` merge keys expanded, the value of a scalar as the
// consuming program sees it, where it was written, and a map from offsets in a scalar's value back
// to offsets in the file (block scalars strip indentation and fold lines, so `baseOffset + i` is
// wrong there).
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { LineIndex } from '../../core/text.js';
import { fastDocuments } from './fast-documents.js';
import type { Diagnostic } from '../../core/types.js';

/** A parsed YAML node (any kind), or null/undefined for an empty value. */
export type YNode = Node | null | undefined;

/**
 * Parses all documents of `text`. YAML errors become `parse-error` diagnostics (severity error,
 * 1-based line/column); the documents are still returned because the parser recovers, with the
 * offset of the first error so callers can keep only the facts before it ({@link beforeFirstError}).
 */
export function parseYamlDocuments(
  path: string,
  text: string,
  options: { merge?: boolean; fast?: boolean } = {},
): { docs: Document.Parsed[]; diagnostics: Diagnostic[]; firstErrorOffset: number } {
  // Files entirely in the plain block subset skip yaml's parser (same nodes; fast.test.ts).
  if (options.fast !== false) {
    const fast = fastDocuments(text);
    if (fast) return { docs: fast, diagnostics: [], firstErrorOffset: Infinity };
  }
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(text);
  let firstErrorOffset = Infinity;
  let docs: Document.Parsed[] = [];
  try {
    docs = parseAllDocuments(text, { keepSourceTokens: true, merge: options.merge ?? false, uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
    if (!Array.isArray(docs)) docs = []; // EmptyStream
  } catch (err) {
    diagnostics.push({ path, message: `cannot parse YAML: ${(err as Error).message}`, severity: 'error', code: 'parse-error' });
    return { docs: [], diagnostics, firstErrorOffset: 0 };
  }
  for (const doc of docs) {
    for (const e of doc.errors) {
      const at = Math.min(e.pos[0], text.length);
      firstErrorOffset = Math.min(firstErrorOffset, at, scalarStartCovering(doc, at));
      const p = lines.position(at);
      diagnostics.push({
        path,
        line: p.line,
        column: p.column,
        message: `invalid YAML: ${yamlErrorText(e.message)}`,
        severity: 'error',
        code: 'parse-error',
      });
    }
  }
  return { docs, diagnostics, firstErrorOffset };
}

/**
 * After a syntax error the parser's recovery can glue unrelated lines into one value (an
 * unterminated quote swallows the rest of the file). Facts that start at or after the first
 * error are dropped; the parse-error diagnostic says the file was not fully read.
 */
export function beforeFirstError<T extends { span: { start?: { offset: number } } }>(facts: T[], firstErrorOffset: number): T[] {
  if (firstErrorOffset === Infinity) return facts;
  return facts.filter((f) => f.span.start === undefined || f.span.start.offset < firstErrorOffset);
}

/**
 * Start of a scalar that runs into `offset` (an unterminated quote is reported where the file
 * ends, but the damage starts at the quote); Infinity when none does.
 */
function scalarStartCovering(doc: Document.Parsed, offset: number): number {
  let start = Infinity;
  visit(doc, {
    Scalar(_key, node) {
      const r = node.range;
      if (r && r[0] < offset && offset <= r[2] && r[0] < start) start = r[0];
    },
  });
  return start;
}

/**
 * The first line of a yaml error message without its trailing " at line L, column C:" (the parser
 * appends that and a code frame; positions are reported separately).
 */
export function yamlErrorText(message: string): string {
  const i = message.indexOf('\n');
  return (i < 0 ? message : message.slice(0, i)).replace(/ at line \d+, column \d+:?$/, '');
}

/** Follows an alias to the node it names (spans then point at the anchor, where it is written). */
export function deref(doc: Document.Parsed, node: unknown): YNode {
  if (isAlias(node)) {
    try {
      return node.resolve(doc) as YNode;
    } catch {
      return undefined;
    }
  }
  return node as YNode;
}

/** Pairs of a map, `<<` merge keys expanded (explicit keys win over merged ones, as YAML says). */
export function mapPairs(doc: Document.Parsed, node: YNode): Pair<Node, YNode>[] {
  const map = deref(doc, node);
  if (!isMap(map)) return [];
  const own: Pair<Node, YNode>[] = [];
  const merged: Pair<Node, YNode>[] = [];
  for (const pair of (map as YAMLMap<Node, YNode>).items) {
    const key = deref(doc, pair.key);
    if (isScalar(key) && (key.value === '<<' || String(key.value) === '<<')) {
      const v = deref(doc, pair.value);
      const sources = isSeq(v) ? v.items : [pair.value];
      for (const s of sources) merged.push(...mapPairs(doc, s as YNode));
      continue;
    }
    own.push(pair as Pair<Node, YNode>);
  }
  const ownKeys = new Set(own.map((p) => keyString(doc, p)));
  return [...own, ...merged.filter((p) => !ownKeys.has(keyString(doc, p)))];
}

/** The key of a pair as a string ('' when it is not a scalar). */
export function keyString(doc: Document.Parsed, pair: Pair<unknown, unknown>): string {
  const k = deref(doc, pair.key);
  return isScalar(k) ? scalarString(k) : '';
}

/** The value of `key` in a map (merge keys honoured). */
export function mapGet(doc: Document.Parsed, node: YNode, key: string): YNode {
  for (const p of mapPairs(doc, node)) if (keyString(doc, p) === key) return deref(doc, p.value);
  return undefined;
}

/** Items of a sequence (aliases followed); [] for anything else. */
export function seqItems(doc: Document.Parsed, node: YNode): YNode[] {
  const seq = deref(doc, node);
  if (!isSeq(seq)) return [];
  return seq.items.map((i) => deref(doc, i as YNode));
}

/**
 * A scalar's value as the consumer sees it, keeping the source text of plain scalars so that
 * numbers and booleans are not reformatted (`1.20` stays `1.20`, `0x10` stays `0x10`).
 * Null (`~`, empty) is ''.
 */
export function scalarString(node: Scalar): string {
  if (node.type === 'PLAIN' || node.type === undefined) {
    if (node.value === null) return '';
    if (typeof node.source === 'string') return node.source;
  }
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

/** The scalar string of a node, or undefined when it is not a scalar. */
export function stringOf(doc: Document.Parsed, node: YNode): string | undefined {
  const n = deref(doc, node);
  return isScalar(n) ? scalarString(n) : undefined;
}

/**
 * Offsets [start, end) of a node as written: quotes included, a block scalar from its header to
 * the end of its last non-blank line.
 */
export function nodeRange(text: string, node: Node): [number, number] {
  const r = node.range;
  if (!r) return [0, 0];
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1]!)) end--;
  return [r[0], end];
}

/** Maps a scalar value back onto the file. */
export interface ScalarMapping {
  /** The value the consumer sees (`run:` script, `script:` line, env value). */
  value: string;
  /** File offset of value offset `i` (0 ≤ i ≤ value.length; value.length maps past the last char). */
  map(i: number): number;
}

/**
 * Builds the offset map of a scalar. Block scalars (`|`, `|-`, `|+`, `>`, `>-`) are mapped line by
 * line after removing the detected indentation; folded line breaks map to the break they replaced.
 * Quoted scalars decode the common escapes so each decoded character maps to its escape.
 * The alignment is greedy: a source character that has no counterpart in the value (indentation,
 * a removed blank line, an escape's tail) is skipped, so every non-space character of the value
 * maps exactly onto where it is written.
 */
export function scalarMapping(text: string, node: Scalar): ScalarMapping {
  const value = isScalar(node) ? (node.type === 'PLAIN' ? scalarString(node) : node.value == null ? '' : String(node.value)) : '';
  const r = node.range ?? [0, 0, 0];
  const chars: string[] = [];
  const offsets: number[] = [];
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    let p = text.indexOf('\n', r[0]);
    if (p < 0 || p >= r[1]) p = r[1];
    else p += 1;
    const lines: Array<{ start: number; text: string }> = [];
    while (p < r[1]) {
      let e = text.indexOf('\n', p);
      if (e < 0 || e > r[1]) e = r[1];
      lines.push({ start: p, text: text.slice(p, e) });
      p = e + 1;
    }
    const first = lines.find((l) => l.text.trim().length > 0);
    const indent = first ? first.text.length - first.text.trimStart().length : 0;
    for (const l of lines) {
      let skip = 0;
      while (skip < indent && skip < l.text.length && l.text[skip] === ' ') skip++;
      for (let i = skip; i < l.text.length; i++) {
        chars.push(l.text[i]!);
        offsets.push(l.start + i);
      }
      chars.push('\n');
      offsets.push(l.start + l.text.length);
    }
  } else if (node.type === 'QUOTE_DOUBLE') {
    const end = r[1] - 1;
    for (let i = r[0] + 1; i < end; i++) {
      const c = text[i]!;
      if (c === '\\' && i + 1 < end) {
        const n = text[i + 1]!;
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', '/': '/', ' ': ' ', e: '\x1b', a: '\x07', b: '\b', v: '\v', f: '\f' };
        if (n in simple) {
          chars.push(simple[n]!);
          offsets.push(i);
          i += 1;
          continue;
        }
        const hexLen = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
        if (hexLen > 0) {
          const cp = parseInt(text.slice(i + 2, i + 2 + hexLen), 16);
          if (!Number.isNaN(cp)) {
            for (const ch of String.fromCodePoint(cp)) {
              chars.push(ch);
              offsets.push(i);
            }
            i += 1 + hexLen;
            continue;
          }
        }
        if (n === '\n') {
          i += 1; // escaped line break: joins lines
          continue;
        }
      }
      chars.push(c);
      offsets.push(i);
    }
  } else {
    const start = node.type === 'QUOTE_SINGLE' ? r[0] + 1 : r[0];
    const end = node.type === 'QUOTE_SINGLE' ? r[1] - 1 : r[1];
    for (let i = start; i < end; i++) {
      chars.push(text[i]!);
      offsets.push(i);
    }
  }
  const map: number[] = new Array(value.length + 1);
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    while (j < chars.length && chars[j] !== c && !(c === ' ' && chars[j] === '\n')) j++;
    if (j < chars.length) {
      map[i] = offsets[j]!;
      j++;
    } else {
      map[i] = i > 0 ? map[i - 1]! + 1 : r[0];
    }
  }
  map[value.length] = value.length > 0 ? map[value.length - 1]! + 1 : offsets[0] ?? r[0];
  return {
    value,
    map: (i: number) => map[Math.max(0, Math.min(i, value.length))]!,
  };
}
