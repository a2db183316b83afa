// yaml Documents from the fast reader (./fast.ts), for extractors that walk yaml's own nodes
// (GitHub Actions, GitLab CI, Helm). Scalars are resolved with yaml's own core-schema tags, the
// way yaml's composer resolves an untagged plain scalar, so `true`, `null`, `8080` get the same
// values and types. Used only when every document of a file is in the fast subset; otherwise
// the caller parses the whole file with yaml. fast.test.ts checks both agree.
import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode, ScalarTag } from 'yaml';
import { LineIndex } from '../../core/text.js';
import { readYamlFast } from './fast.js';
import { splitYamlDocuments, type LNode } from './index.js';

/** The options parseYamlDocuments gives yaml (the parts that shape documents). */
export const DOCUMENT_OPTIONS = { keepSourceTokens: true, merge: false, uniqueKeys: false, prettyErrors: false } as const;

let schemaDoc: Document | undefined;
/** The core schema's default scalar tags, in yaml's test order. */
function defaultTags(): { tags: ScalarTag[]; options: Document['options'] } {
  schemaDoc ??= new Document(null, DOCUMENT_OPTIONS);
  return { tags: (schemaDoc.schema.tags as ScalarTag[]).filter((t) => t.default === true && t.test !== undefined), options: schemaDoc.options };
}

function resolvePlain(source: string): Scalar {
  const { tags, options } = defaultTags();
  const tag = tags.find((t) => t.test!.test(source));
  if (!tag) return new Scalar(source);
  let failed = false;
  const res = tag.resolve(source, () => (failed = true), options as never);
  if (failed) throw new Error('unresolvable');
  const scalar = isScalar(res) ? (res as Scalar) : new Scalar(res);
  if (tag.format) scalar.format = tag.format;
  return scalar;
}

function toNode(n: LNode, text: string): YamlNode {
  if (n.kind === 'scalar') {
    const q = text[n.loc.start];
    let s: Scalar;
    if (q === '"' || q === "'") {
      s = new Scalar(n.value);
      s.type = q === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
      s.source = n.value;
    } else {
      // Plain scalars are written verbatim on one line in the fast subset.
      const source = text.slice(n.loc.start, n.loc.end);
      s = resolvePlain(source);
      s.type = Scalar.PLAIN;
      s.source = source;
    }
    s.range = [n.loc.start, n.loc.end, n.loc.end];
    return s;
  }
  const flow = text[n.loc.start] === '{' || text[n.loc.start] === '[';
  if (n.kind === 'map') {
    const m = new YAMLMap();
    for (const e of n.entries) {
      const key = toNode({ kind: 'scalar', value: e.key, isNull: false, loc: e.keyLoc }, text);
      m.items.push(new Pair(key, toNode(e.value, text)));
    }
    if (flow) m.flow = true;
    m.range = [n.loc.start, n.loc.end, n.loc.end];
    return m;
  }
  const s = new YAMLSeq();
  for (const i of n.items) s.items.push(toNode(i, text));
  if (flow) s.flow = true;
  s.range = [n.loc.start, n.loc.end, n.loc.end];
  return s;
}

/** yaml ends a document whose last value is empty at that value, not at the chunk's end. */
function endsWithNull(n: LNode): boolean {
  if (n.kind === 'scalar') return n.isNull;
  if (n.kind === 'map') return n.entries.length > 0 && endsWithNull(n.entries[n.entries.length - 1]!.value);
  return n.items.length > 0 && endsWithNull(n.items[n.items.length - 1]!);
}

/**
 * The documents of `text` when all of them are in the fast subset, else undefined. Files with
 * `...` markers or documents yaml would count differently (comment-only chunks, text before the
 * first marker) are left to yaml.
 */
export function fastDocuments(text: string): Document.Parsed[] | undefined {
  if (/^\.\.\.(?:[ \t\r\n]|$)/m.test(text)) return undefined;
  const chunks = splitYamlDocuments(text);
  const markers = (text.match(/^---(?=[ \t\r\n]|$)/gm) ?? []).length;
  if (chunks.length === 0) return undefined;
  const first = chunks[0]!;
  const startsWithMarker = text.startsWith('---', first.start);
  if (first.start !== 0 || chunks.length !== markers + (startsWithMarker ? 0 : 1)) return undefined;
  const lines = new LineIndex(text);
  const docs: Document.Parsed[] = [];
  try {
    for (const c of chunks) {
      const root = readYamlFast(text.slice(c.start, c.end), { path: '', lines, map: (o) => c.start + o });
      if (root === undefined || root === null || endsWithNull(root)) return undefined;
      const doc = new Document(null, DOCUMENT_OPTIONS) as unknown as Document.Parsed;
      doc.contents = toNode(root, text) as never;
      // yaml starts a document at its `---` marker, or else at its first node.
      doc.range = [text.startsWith('---', c.start) ? c.start : root.loc.start, root.loc.end, c.end];
      docs.push(doc);
    }
  } catch {
    return undefined;
  }
  return docs;
}
