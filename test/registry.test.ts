// Registries are machine-checked (design.md): every rule folder is registered, has a doc page,
// a failing and a clean fixture, and a unique id; every extractor folder is registered and has
// a README and fixtures.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { EXTRACTORS } from '../src/sources/index.js';
import { subfolders } from './helpers/folders.js';

const root = join(import.meta.dirname, '..');

describe('rule registry', () => {
  const folders = subfolders(join(root, 'src', 'rules'));
  it('registers exactly the rule folders, with unique ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(folders);
  });
  for (const rule of RULES) {
    it(`${rule.meta.id} has a doc page, a failing and a clean fixture`, () => {
      const dir = join(root, 'src', 'rules', rule.meta.id);
      expect(existsSync(join(dir, 'README.md'))).toBe(true);
      const doc = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(doc).toContain(`# ${rule.meta.id}`);
      const cases = subfolders(join(dir, 'fixtures')).map((c) => readFileSync(join(dir, 'fixtures', c, 'expected.txt'), 'utf8').trim());
      expect(cases.some((c) => c !== '')).toBe(true);
      expect(cases.some((c) => c === '')).toBe(true);
      expect(rule.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      // Messages start lowercase, unless with a placeholder or an environment variable's name.
      for (const m of Object.values(rule.meta.messages)) expect(m.message).toMatch(/^(\{\w+\}|[a-z]|[A-Z][A-Z0-9_]+\b)/);
    });
  }
});

describe('extractor registry', () => {
  const helpers = new Set(['common', 'yaml-common']);
  const folders = subfolders(join(root, 'src', 'sources')).filter((d) => !helpers.has(d));
  it('registers one extractor per source folder', () => {
    const ids = EXTRACTORS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(folders.length);
  });
  for (const folder of folders) {
    it(`${folder} has a README and fixtures`, () => {
      expect(existsSync(join(root, 'src', 'sources', folder, 'README.md'))).toBe(true);
      expect(subfolders(join(root, 'src', 'sources', folder, 'fixtures')).length).toBeGreaterThan(0);
    });
  }
});
