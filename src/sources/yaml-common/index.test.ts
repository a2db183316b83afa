import { describe, expect, it } from 'vitest';
import { joinPath } from '../common/paths.js';
import { blockScalarOffsetMap, get, parseYaml, splitYamlDocuments } from './index.js';

describe('yaml-common', () => {
  it('splits documents at marker lines only', () => {
    const text = 'a: 1\n---\nb: "---"\n--- # c\nc: |\n  x\n...\n# only a comment\n';
    expect(splitYamlDocuments(text).map((r) => text.slice(r.start, r.end))).toEqual(['a: 1\n', '---\nb: "---"\n', '--- # c\nc: |\n  x\n']);
  });

  it('keeps merge keys with explicit keys winning, and anchors keep their location', () => {
    const text = 'base: &b {x: "1", y: 2}\nm:\n  <<: *b\n  x: 3\n';
    const root = parseYaml('f.yaml', text).documents[0]!.root;
    const m = get(root, 'm');
    expect(get(m, 'x')).toMatchObject({ value: '3' });
    const y = get(m, 'y')!;
    expect(text.slice(y.loc.start, y.loc.end)).toBe('2');
  });

  it('maps offsets of a literal block scalar back to the file', () => {
    const text = 'patch: |-\n  - op: add\n    path: /x\n';
    const root = parseYaml('k.yaml', text).documents[0]!.root;
    const p = get(root, 'patch');
    if (p?.kind !== 'scalar') throw new Error('scalar expected');
    const map = blockScalarOffsetMap(p.loc, p.value)!;
    const inner = p.value.indexOf('/x');
    expect(text.slice(map(inner), map(inner) + 2)).toBe('/x');
  });

  it('joins paths inside the root only', () => {
    expect(joinPath('overlays/prod', '../../base')).toBe('base');
    expect(joinPath('a', '../../x')).toBeUndefined();
  });
});
