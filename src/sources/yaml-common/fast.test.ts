// The fast YAML reader must give exactly the tree yaml + the converter give (every value, every
// offset), and hand back to yaml whatever it is not sure about. Checked on edge cases (each with
// whether the fast path should take it) and on every YAML file of the repository.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../core/text.js';
import { isMap, isScalar, isSeq, type Document } from 'yaml';
import { readYamlFast } from './fast.js';
import { fastDocuments } from './fast-documents.js';
import { parseYamlDocuments } from './nodes.js';
import { parseYaml, splitYamlDocuments, type LNode, type ParsedYaml } from './index.js';

/** A located tree without its LineIndex (compared by offsets). */
function plain(n: LNode | undefined): unknown {
  if (!n) return n;
  const loc = [n.loc.path, n.loc.start, n.loc.end, n.loc.via];
  if (n.kind === 'scalar') return { s: n.value, null: n.isNull, loc };
  if (n.kind === 'seq') return { seq: n.items.map(plain), loc };
  return { map: n.entries.map((e) => [e.key, [e.keyLoc.start, e.keyLoc.end], plain(e.value)]), loc };
}

function view(p: ParsedYaml) {
  return { docs: p.documents.map((d) => ({ range: d.range, broken: d.broken, root: plain(d.root) })), diagnostics: p.diagnostics };
}

/** Number of documents of `text` the fast reader takes. */
function fastCount(text: string): number {
  const lines = new LineIndex(text);
  let n = 0;
  for (const r of splitYamlDocuments(text)) {
    if (readYamlFast(text.slice(r.start, r.end), { path: 'x.yaml', lines, map: (o) => r.start + o }) !== undefined) n++;
  }
  return n;
}

/** A yaml node as extractors see it: values with their JS type, style, source, trimmed range. */
function yamlView(text: string, n: unknown): unknown {
  const range = (r: [number, number, number] | undefined) => {
    if (!r) return r;
    let e = r[1];
    while (e > r[0] && /\s/.test(text[e - 1]!)) e--;
    return [r[0], e];
  };
  if (isScalar(n)) return { v: `${typeof n.value}:${String(n.value)}`, type: n.type, source: n.source, r: range(n.range ?? undefined) };
  if (isMap(n)) return { map: n.items.map((p) => [yamlView(text, p.key), yamlView(text, p.value)]), flow: !!n.flow, r: range(n.range ?? undefined) };
  if (isSeq(n)) return { seq: n.items.map((i) => yamlView(text, i)), flow: !!n.flow, r: range(n.range ?? undefined) };
  return n === null ? null : String(n);
}

function docsView(text: string, docs: Document.Parsed[]) {
  return docs.map((d) => ({ range: [d.range[0], d.range[2]], errors: d.errors.length, contents: yamlView(text, d.contents) }));
}

function expectSame(path: string, text: string): void {
  const lines = new LineIndex(text);
  const full = parseYaml(path, text, { lines, fast: false });
  const fast = parseYaml(path, text, { lines });
  expect(view(fast), path).toEqual(view(full));
  const fullDocs = parseYamlDocuments(path, text, { fast: false });
  const fastDocs = parseYamlDocuments(path, text);
  expect(docsView(text, fastDocs.docs), `${path} (yaml nodes)`).toEqual(docsView(text, fullDocs.docs));
  expect(fastDocs.diagnostics).toEqual(fullDocs.diagnostics);
}

// [text, taken by the fast path]
const CASES: Array<[string, boolean]> = [
  ['a: 1\nb: two\n', true],
  ['a:\n  b: 1 # c\n# d\n\ne: 2 # x\n\n# end\n', true],
  ['a:\nb: x\n', true],
  ['- a\n- b: 1\n  c:\n- {x: 1, y: [a, "b"]} # z\n', true],
  ["k: ~\nq: \"\"\nr: 'it''s'\nn: null\nN: NULL\nt: true\nf: 1.50\nh: 0x1F\n", true],
  ['a:   # hi\n  # x\nc: 1', false],
  ['a:\n- x\n- y # t\nb:\n  -   z\n', true],
  ['---\n"k y": v\n\'q\': w', true],
  ['- \n- # c\n  a: 1\n-\n  - 2\n', true],
  ['a: b: c', false],
  ['a: x\n  y', false],
  ['a:\n  b:\n  # c\nd: 1', false],
  ['a: 1\n b: 2', false],
  ['a:\n  b: 1\n  # c\nd: 1', false],
  ['a:\n  b: 1\n# c\n  d: 2\n', true],
  ['a:\n  b: 1\n# c\n', true],
  ['a:\n  - x\n# c\n', true],
  ['- a: 1\n  b: 2\n# c\n', true],
  ['- a:\n  - x\n- b\n', true],
  ['- a:\n- b\n', true],
  ['a: &x 1\nb: *x\n', false],
  ['a: !!str 1\n', false],
  ['a: |\n  x\n', false],
  ['a: "x\\ty"\n', false],
  ['a:\ty\n', false],
  ['a: y\r\nb: z\r\n', false],
  ['<<: {a: 1}\nb: 2\n', false],
  ['a: [1, 2,]\n', false],
  ['a: {b, c: d}\n', false],
  ['a: [http://x]\n', false],
  ['a: {}\nb: []\nc: [ ]\nd: { e: [ {f: g} ] }\n', true],
  ['a: "b" #c\nd: \'e\'\n', true],
  ['a: b#c\nd: e # f\n', true],
  ['url: http://example.com:8080/x?y=1\n', true],
  ['- - a\n', false],
  ['? a\n: b\n', false],
  ['just a scalar\n', true],
  ['"quoted scalar"\n', true],
  ['a: "unterminated\n', false],
  ['a: 1\na: 2\n', true],
  ['%YAML 1.2\n---\na: 1\n', true], // the directive chunk goes to yaml, the document is plain,
  ['--- # doc\na: 1\n', false],
  ['  a: 1\n  b: 2\n', false],
  ['a:\n    - x\n    - y\nb:\n        c: d\n', true],
  ['a: -1\nb: -x\nc: :x\nd: ?y\n', true],
  ['a: - x\n', false],
  ['a: [a, b]x\n', false],
  ['x: 1\n...\n', true],
  ['key with spaces: v\n8080: port\n~: nullkey\n', true],
  ["env:\n  - name: GODEBUG\n    value: 'http2client=0'\n  - {name: GOGC, value: \"off\"}\n", true],
  ['a: b\n# c\n  d: e\n', false],
];

describe('fast YAML reader', () => {
  it.each(CASES)('%j', (text, taken) => {
    expectSame('case.yaml', text);
    expect(fastCount(text) > 0, 'taken by the fast path').toBe(taken);
  });

  it('builds yaml documents for whole files in the subset only', () => {
    expect(fastDocuments('a: 1\n---\nb: [x, "y"]\n')).toHaveLength(2);
    expect(fastDocuments('a: 1\n---\nb: &x 1\n')).toBeUndefined(); // one document outside the subset
    expect(fastDocuments('a: 1\n...\n')).toBeUndefined();
    expect(fastDocuments('# only a comment\n---\na: 1\n')).toBeUndefined();
    expect(fastDocuments('a: 1\nb:\n   \n')).toBeUndefined(); // yaml ends the document at the empty value
    expectSame('tail.yaml', 'a: 1\nb:\n   \n');
    expectSame('tail.yaml', 'a: 1\n---\nb: 2\n   \n---\nc: 3\n');
  });

  it('gives the tree yaml gives on every YAML file of the repository', () => {
    const repo = join(fileURLToPath(import.meta.url), '..', '..', '..', '..');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        const p = join(dir, name);
        const st = statSync(p, { throwIfNoEntry: false });
        if (st?.isDirectory()) walk(p);
        else if (st?.isFile() && /\.ya?ml$/.test(name) && st.size < 1_000_000) files.push(p);
      }
    };
    for (const d of ['src', 'test', 'examples', 'docs']) walk(join(repo, d));
    let docs = 0;
    let fast = 0;
    let fastFiles = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expectSame(f.slice(repo.length + 1), text);
      docs += splitYamlDocuments(text).length;
      fast += fastCount(text);
      if (fastDocuments(text)) fastFiles++;
    }
    // The fixtures are written to exercise yaml corner cases; most plain ones still go fast.
    expect(files.length).toBeGreaterThan(80);
    expect(fast / docs).toBeGreaterThan(0.3);
    expect(fastFiles / files.length).toBeGreaterThan(0.3);
  });
});
