// Configuration: validation errors name the closest valid key; the committed JSON Schema is current.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, mergeConfig, validateConfig } from '../src/config/load.js';
import { configJsonSchema } from '../src/config/json-schema.js';
import { RULE_IDS } from '../src/rules/index.js';

describe('godrift.yaml validation', () => {
  it('names the closest key for a misspelt top-level key', () => {
    expect(() => validateConfig({ enviroments: {} }, 'godrift.yaml', RULE_IDS)).toThrow(/unknown key "enviroments"; did you mean "environments"\?/);
  });
  it('names the closest rule id', () => {
    expect(() => validateConfig({ rules: { drfit: 'off' } }, 'godrift.yaml', RULE_IDS)).toThrow(/unknown rule "drfit"; did you mean "drift"\?/);
  });
  it('rejects unknown environments and bad severities', () => {
    expect(() => validateConfig({ environments: { prod: ['x'] } }, 'g', RULE_IDS)).toThrow(ConfigError);
    expect(() => validateConfig({ rules: { drift: 'loud' } }, 'g', RULE_IDS)).toThrow(/expected off, error, warning or note/);
    expect(() => validateConfig({ failOn: 'sometimes' }, 'g', RULE_IDS)).toThrow(/failOn/);
    expect(() => validateConfig({ goVersion: 'latest' }, 'g', RULE_IDS)).toThrow(/not a Go version/);
  });
  it('merges defaults, file and flags as layers', () => {
    const file = validateConfig({ failOn: 'warning', rules: { drift: 'warning' } }, 'g', RULE_IDS);
    const merged = mergeConfig(file, { failOn: 'note' });
    expect(merged.failOn).toBe('note');
    expect(merged.rules.drift).toEqual({ severity: 'warning' });
    expect(merged.policy.allowedExperiments).toEqual([]);
  });
});

describe('JSON Schema', () => {
  it('docs/godrift.schema.json is current (run npm run build && node scripts/gen-schema.mjs)', () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'docs', 'godrift.schema.json'), 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });
});
