// A fast reader for the plain block subset of YAML that configuration files are mostly written
// in: block mappings and sequences, one-line plain and quoted scalars, one-line flow collections.
// It builds the same located tree (LNode) that composing with eemeli/yaml and converting gives,
// offset for offset, at a fraction of the cost (no token stream, no Document, no compose step).
//
// It answers only when it is sure: anything outside the subset (anchors, aliases, tags, block
// scalars, multi-line scalars, escapes, tabs, CR, merge keys, comment lines where yaml would fold
// them into a node's range, anything yaml would report as an error) returns undefined, and the
// caller parses the document with yaml. fast.test.ts checks both paths agree on every fixture.
import type { LEntry, LMap, LNode, LScalar, LSeq, Loc } from './index.js';
import type { LineIndex } from '../../core/text.js';

/** Thrown inside the reader when the document leaves the subset; never escapes. */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

/**
 * Characters that make the whole document go to yaml: tabs and CR (separation and line-break
 * rules), other C0/C1 controls, BOM, and Unicode spaces (yaml keeps them in scalars, the
 * converter's trimEnd strips them at collection ends).
 */
// eslint-disable-next-line no-control-regex
const OUTSIDE_SUBSET = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
/** Same limits as the converter in index.ts. */
const MAX_NODES = 200_000;
const MAX_DEPTH = 200;
/** yaml rejects implicit keys longer than 1024 characters. */
const MAX_KEY = 1000;

interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset of the first non-space character. */
  content: number;
  /** Offset of the line break (or text end). */
  end: number;
  indent: number;
}

export interface FastReadOptions {
  path: string;
  lines: LineIndex;
  /** Maps an offset in the document text to an offset in the file. */
  map: (docOffset: number) => number;
}

/**
 * Reads one YAML document (the text of one range from splitYamlDocuments) into a located tree.
 * Returns undefined when the document is outside the subset: the caller must then use yaml.
 * `null` is returned for a document without content (yaml: no contents).
 */
export function readYamlFast(docText: string, options: FastReadOptions): LNode | null | undefined {
  if (OUTSIDE_SUBSET.test(docText)) return undefined;
  try {
    return new Reader(docText, options).document();
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

function fail(): never {
  throw UNSUPPORTED;
}

const NULL_PLAIN = new Set(['', '~', 'null', 'Null', 'NULL']);

class Reader {
  private readonly lines: Line[] = [];
  private i = 0;
  private nodes = 0;

  constructor(
    private readonly t: string,
    private readonly o: FastReadOptions,
  ) {
    let start = 0;
    let first = true;
    let seenContent = false;
    while (start <= t.length) {
      let end = t.indexOf('\n', start);
      if (end < 0) end = t.length;
      let c = start;
      while (c < end && t.charCodeAt(c) === 32) c++;
      if (first && t.startsWith('---', start)) {
        // The document marker line: nothing may follow the marker (`--- |`, `--- # c`, …).
        first = false;
        if (end !== start + 3 && t.slice(start + 3, end).trim() !== '') fail();
      } else if (c === end) {
        // blank line
      } else if (t.charCodeAt(c) === 35 /* # */) {
        // Comment lines before any content are the document's; later ones only at column 0
        // and not after an empty value (yaml then folds them into ranges; see fast.test.ts).
        if (seenContent) {
          if (c !== start) fail();
          const prev = this.lines[this.lines.length - 1]!;
          if (this.endsWithEmptyValue(prev)) fail();
        }
      } else {
        if (t.charCodeAt(c) === 37 /* % */ && c === start) fail();
        this.lines.push({ start, content: c, end, indent: c - start });
        seenContent = true;
      }
      first = false;
      if (end === t.length) break;
      start = end + 1;
    }
  }

  /** True when a content line ends with `key:` or `-` and nothing after (a comment aside). */
  private endsWithEmptyValue(line: Line): boolean {
    const text = this.t.slice(line.content, line.end);
    const noComment = text.replace(/(^|\s)#.*$/, '').trimEnd();
    return noComment === '-' || noComment.endsWith(':') || noComment.endsWith(' -');
  }

  document(): LNode | null {
    if (this.lines.length === 0) return null;
    const first = this.lines[0]!;
    if (first.indent !== 0) fail();
    const root = this.block(first.indent, 0);
    if (this.i !== this.lines.length) fail();
    return root;
  }

  private loc(start: number, end: number): Loc {
    return { path: this.o.path, lines: this.o.lines, start: this.o.map(start), end: this.o.map(end) };
  }

  private count(depth: number): void {
    if (++this.nodes > MAX_NODES || depth > MAX_DEPTH) fail();
  }

  /** Position after the last non-space character of a line (comments included). */
  private trimmedEnd(line: Line): number {
    let e = line.end;
    while (e > line.content && this.t.charCodeAt(e - 1) === 32) e--;
    return e;
  }

  /** A block node (mapping or sequence, or a lone scalar) starting at the current line. */
  private block(indent: number, depth: number): LNode {
    const line = this.lines[this.i]!;
    if (line.indent !== indent) fail();
    if (this.isSeqItem(line.content, line.end)) return this.seq(indent, depth);
    if (this.keyEnd(line.content, line.end) !== undefined) return this.map(indent, line.content, depth);
    // A document that is a single scalar.
    if (depth !== 0 || this.lines.length !== 1) fail();
    this.i++;
    return this.inlineValue(line.content, line.end, depth, line);
  }

  private isSeqItem(at: number, end: number): boolean {
    return this.t.charCodeAt(at) === 45 /* - */ && (at + 1 === end || this.t.charCodeAt(at + 1) === 32);
  }

  /** A block sequence whose `-` indicators sit at column `indent`. */
  private seq(indent: number, depth: number): LSeq {
    this.count(depth);
    const items: LNode[] = [];
    const start = this.lines[this.i]!.content;
    let lastLine = this.lines[this.i]!;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      // A line at the same indentation that is no item ends a sequence written at its key's
      // indentation; the mapping decides.
      if (line.indent < indent || (line.indent === indent && !this.isSeqItem(line.content, line.end))) break;
      if (line.indent > indent) fail();
      // Content after `- `: its column decides the indentation of a compact mapping.
      let c = line.content + 1;
      while (c < line.end && this.t.charCodeAt(c) === 32) c++;
      if (c === line.end || this.t.charCodeAt(c) === 35) {
        // `-` alone: the item is the block below, or null.
        this.i++;
        const next = this.lines[this.i];
        if (next && next.indent > indent) {
          items.push(this.block(next.indent, depth + 1));
          lastLine = this.lines[this.i - 1]!;
        } else {
          this.count(depth + 1);
          items.push(this.nullAt(c));
          lastLine = line;
        }
        continue;
      }
      if (this.isSeqItem(c, line.end)) fail(); // `- - x`
      if (this.keyEnd(c, line.end) !== undefined) {
        items.push(this.map(c - line.start, c, depth + 1));
        lastLine = this.lines[this.i - 1]!;
        continue;
      }
      this.i++;
      items.push(this.inlineValue(c, line.end, depth + 1, line));
      this.noContinuation(indent);
      lastLine = line;
    }
    return { kind: 'seq', items, loc: this.loc(start, this.trimmedEnd(lastLine)) };
  }

  /**
   * A block mapping with keys at column `indent`; its first key starts at `firstAt` (after `- `
   * for a compact mapping in a sequence item, else the line's content).
   */
  private map(indent: number, firstAt: number, depth: number): LMap {
    this.count(depth);
    const entries: LEntry[] = [];
    let lastLine = this.lines[this.i]!;
    let at = firstAt;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (entries.length > 0) {
        if (line.indent < indent) break;
        if (line.indent > indent) fail();
        at = line.content;
      }
      const colon = this.keyEnd(at, line.end);
      if (colon === undefined) fail();
      this.count(depth + 1);
      const key = this.scalar(at, colon, true);
      if (key.value === '<<' && !key.isNull) fail(); // merge keys: yaml's converter expands them
      let c = colon + 1;
      while (c < line.end && this.t.charCodeAt(c) === 32) c++;
      let value: LNode;
      if (c === line.end || this.t.charCodeAt(c) === 35) {
        this.i++;
        const next = this.lines[this.i];
        if (next && next.indent > indent) {
          value = this.block(next.indent, depth + 1);
          lastLine = this.lines[this.i - 1]!;
        } else if (next && next.indent === indent && this.isSeqItem(next.content, next.end)) {
          // A sequence may sit at its key's indentation.
          value = this.seq(indent, depth + 1);
          lastLine = this.lines[this.i - 1]!;
        } else {
          this.count(depth + 1);
          value = this.nullAt(c);
          lastLine = line;
        }
      } else {
        this.i++;
        value = this.inlineValue(c, line.end, depth + 1, line);
        this.noContinuation(indent);
        lastLine = line;
      }
      entries.push({ key: key.value, keyLoc: key.loc, value });
    }
    return { kind: 'map', entries, loc: this.loc(firstAt, this.trimmedEnd(lastLine)) };
  }

  /** After a one-line value, a more indented line would continue it (or be an error): not ours. */
  private noContinuation(indent: number): void {
    const next = this.lines[this.i];
    if (next && next.indent > indent) fail();
  }

  private nullAt(at: number): LScalar {
    return { kind: 'scalar', value: '', isNull: true, loc: this.loc(at, at) };
  }

  /**
   * End offset of the key of a `key: value` entry starting at `at` (the offset of its colon),
   * or undefined when the line is not a mapping entry.
   */
  private keyEnd(at: number, end: number): number | undefined {
    const t = this.t;
    const q = t.charCodeAt(at);
    if (q === 91 || q === 123) return undefined; // a flow collection
    if (q === 34 || q === 39) {
      const close = this.quoteEnd(at, end);
      if (close === undefined) return undefined;
      if (t.charCodeAt(close) !== 58 /* : */) {
        // A quoted scalar line; a quoted key must touch its colon.
        return undefined;
      }
      if (close + 1 !== end && t.charCodeAt(close + 1) !== 32) fail();
      return close;
    }
    // Plain key: up to the first `: ` or a final `:`.
    let k = at;
    for (;;) {
      k = t.indexOf(':', k);
      if (k < 0 || k >= end) return undefined;
      if (k + 1 === end || t.charCodeAt(k + 1) === 32) break;
      k++;
    }
    if (k === at) fail(); // `: x` (empty key)
    if (k - at > MAX_KEY) fail();
    const keyText = t.slice(at, k);
    if (/\s#/.test(keyText) || keyText.endsWith(' ')) fail();
    if (!this.plainStartOk(at, k)) fail();
    return k;
  }

  /** Offset just after the closing quote of a one-line quoted scalar at `at`, else undefined. */
  private quoteEnd(at: number, end: number): number | undefined {
    const t = this.t;
    const q = t.charCodeAt(at);
    let k = at + 1;
    for (;;) {
      if (k >= end) fail(); // multi-line quoted scalar
      const ch = t.charCodeAt(k);
      if (q === 34 && ch === 92 /* \ */) fail(); // escapes
      if (ch === q) {
        if (q === 39 && t.charCodeAt(k + 1) === 39) {
          k += 2;
          continue;
        }
        return k + 1;
      }
      k++;
    }
  }

  /** Plain scalars may not start with an indicator (YAML 1.2 §7.3.3, ns-plain-first). */
  private plainStartOk(at: number, end: number): boolean {
    const ch = this.t[at]!;
    if ('#,[]{}&*!|>\'"%@`'.includes(ch)) return false;
    if (ch === '-' || ch === '?' || ch === ':') {
      const next = at + 1 < end ? this.t.charCodeAt(at + 1) : 32;
      if (next === 32) return false;
    }
    return true;
  }

  /** A scalar written between `at` and `end` (a key, or a value with nothing after it). */
  private scalar(at: number, end: number, isKey: boolean): LScalar {
    const t = this.t;
    const q = t.charCodeAt(at);
    if (q === 34 || q === 39) {
      const close = this.quoteEnd(at, end);
      if (close !== end) fail();
      const inner = t.slice(at + 1, close - 1);
      return { kind: 'scalar', value: q === 39 ? inner.replaceAll("''", "'") : inner, isNull: false, loc: this.loc(at, close) };
    }
    if (!this.plainStartOk(at, end)) fail();
    const text = t.slice(at, end);
    if (!isKey && (text.includes(': ') || text.endsWith(':'))) fail();
    return NULL_PLAIN.has(text)
      ? { kind: 'scalar', value: '', isNull: true, loc: this.loc(at, end) }
      : { kind: 'scalar', value: text, isNull: false, loc: this.loc(at, end) };
  }

  /** A value that starts at `at` and ends on this line: scalar or flow collection, maybe a comment. */
  private inlineValue(at: number, lineEnd: number, depth: number, _line: Line): LNode {
    const t = this.t;
    const ch = t.charCodeAt(at);
    let valueEnd: number;
    let node: LNode;
    if (ch === 91 || ch === 123) {
      const r = this.flow(at, lineEnd, depth);
      node = r.node;
      valueEnd = r.end;
    } else if (ch === 34 || ch === 39) {
      valueEnd = this.quoteEnd(at, lineEnd)!;
      this.count(depth);
      node = this.scalar(at, valueEnd, false);
    } else {
      // Plain: up to a ` #` comment, trailing spaces trimmed.
      let e = at;
      while (e < lineEnd && !(t.charCodeAt(e) === 35 && t.charCodeAt(e - 1) === 32)) e++;
      while (e > at && t.charCodeAt(e - 1) === 32) e--;
      this.count(depth);
      node = this.scalar(at, e, false);
      valueEnd = e;
    }
    // Only spaces and a comment may follow.
    let k = valueEnd;
    while (k < lineEnd && t.charCodeAt(k) === 32) k++;
    if (k < lineEnd && (t.charCodeAt(k) !== 35 || k === valueEnd)) fail();
    return node;
  }

  /** A one-line flow collection at `at`; returns the node and the offset after its closing bracket. */
  private flow(at: number, lineEnd: number, depth: number): { node: LNode; end: number } {
    this.count(depth);
    if (depth > MAX_DEPTH) fail();
    const t = this.t;
    const isMap = t.charCodeAt(at) === 123;
    const close = isMap ? 125 : 93;
    let k = at + 1;
    const skip = () => {
      while (k < lineEnd && t.charCodeAt(k) === 32) k++;
    };
    const entries: LEntry[] = [];
    const items: LNode[] = [];
    skip();
    if (t.charCodeAt(k) === close) {
      k++;
      return isMap
        ? { node: { kind: 'map', entries, loc: this.loc(at, k) }, end: k }
        : { node: { kind: 'seq', items, loc: this.loc(at, k) }, end: k };
    }
    for (;;) {
      skip();
      if (k >= lineEnd) fail();
      const item = this.flowItem(k, lineEnd, depth + 1);
      k = item.end;
      skip();
      if (isMap) {
        if (t.charCodeAt(k) !== 58 || item.node.kind !== 'scalar') fail();
        if (t.charCodeAt(k + 1) !== 32) fail();
        k++;
        skip();
        const value = this.flowItem(k, lineEnd, depth + 1);
        k = value.end;
        entries.push({ key: item.node.value, keyLoc: item.node.loc, value: value.node });
        skip();
      } else {
        if (t.charCodeAt(k) === 58) fail(); // `[a: b]` (single-pair mapping)
        items.push(item.node);
      }
      const ch = t.charCodeAt(k);
      if (ch === close) {
        k++;
        break;
      }
      if (ch !== 44 /* , */) fail();
      k++;
      skip();
      if (t.charCodeAt(k) === close) fail(); // trailing comma: let yaml decide
    }
    return isMap
      ? { node: { kind: 'map', entries, loc: this.loc(at, k) }, end: k }
      : { node: { kind: 'seq', items, loc: this.loc(at, k) }, end: k };
  }

  private flowItem(at: number, lineEnd: number, depth: number): { node: LNode; end: number } {
    const t = this.t;
    const ch = t.charCodeAt(at);
    if (ch === 91 || ch === 123) return this.flow(at, lineEnd, depth);
    this.count(depth);
    if (ch === 34 || ch === 39) {
      const end = this.quoteEnd(at, lineEnd)!;
      return { node: this.scalar(at, end, false), end };
    }
    // Plain scalar inside flow: no flow indicators, no `:` and no `#` at all (kept simple).
    let e = at;
    while (e < lineEnd) {
      const c = t.charCodeAt(e);
      if (c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 58 || c === 35) break;
      e++;
    }
    const c = t.charCodeAt(e);
    if (c === 35 || c === 91 || c === 123) fail();
    if (c === 58 && t.charCodeAt(e + 1) !== 32) fail();
    let v = e;
    while (v > at && t.charCodeAt(v - 1) === 32) v--;
    if (v === at) fail(); // empty plain in flow
    if (!this.plainStartOk(at, v)) fail();
    return { node: this.scalar(at, v, true), end: v };
  }
}
