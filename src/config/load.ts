// Loading and validating godrift.yaml. Layers merge as defaults ⊕ file ⊕ flags; every unknown
// key is an error that names the closest valid key.
import { readFileSync } from 'node:fs';
import { isMap, parseDocument } from 'yaml';
import { closestMatch } from '../core/suggest.js';
import type { Severity } from '../core/types.js';
import { CONFIG_KEYS, DEFAULT_CONFIG, ENVIRONMENT_NAMES, POLICY_KEYS, type Config, type RuleConfig } from './schema.js';

export { findConfigFile, mergeConfig } from './find.js';

export class ConfigError extends Error {}

const SEVERITIES = ['error', 'warning', 'note'] as const;

/** Reads and validates a config file; throws ConfigError with file:line:col on problems. */
export function loadConfigFile(path: string, ruleIds: readonly string[]): Partial<Config> {
  const text = readFileSync(path, 'utf8');
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new ConfigError(`${path}:${pos?.line ?? 1}:${pos?.col ?? 1}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) throw new ConfigError(`${path}: expected a mapping at the top level`);
  return validateConfig(doc.toJS() as Record<string, unknown>, path, ruleIds);
}

function fail(where: string, message: string): never {
  throw new ConfigError(`${where}: ${message}`);
}

function unknownKey(where: string, key: string, valid: readonly string[]): never {
  const near = closestMatch(key, valid);
  fail(where, `unknown key "${key}"${near ? `; did you mean "${near}"?` : ''} (valid: ${valid.join(', ')})`);
}

function stringArray(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) fail(where, 'expected a list of strings');
  return value as string[];
}

/** Validates a parsed config object. Exported for tests. */
export function validateConfig(raw: Record<string, unknown>, where: string, ruleIds: readonly string[]): Partial<Config> {
  const out: Partial<Config> = {};
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'environments': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where}: environments`, 'expected a mapping');
        const envs: Config['environments'] = {};
        for (const [env, globs] of Object.entries(value)) {
          if (!(ENVIRONMENT_NAMES as readonly string[]).includes(env)) unknownKey(`${where}: environments`, env, ENVIRONMENT_NAMES);
          envs[env as keyof Config['environments']] = stringArray(globs, `${where}: environments.${env}`);
        }
        out.environments = envs;
        break;
      }
      case 'targets': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where}: targets`, 'expected a mapping');
        out.targets = Object.fromEntries(Object.entries(value).map(([t, g]) => [t, stringArray(g, `${where}: targets.${t}`)]));
        break;
      }
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where}: rules`, 'expected a mapping');
        const rules: Record<string, RuleConfig> = {};
        for (const [id, setting] of Object.entries(value)) {
          if (!ruleIds.includes(id)) {
            const near = closestMatch(id, ruleIds);
            fail(`${where}: rules`, `unknown rule "${id}"${near ? `; did you mean "${near}"?` : ''}`);
          }
          rules[id] = ruleSetting(setting, `${where}: rules.${id}`);
        }
        out.rules = rules;
        break;
      }
      case 'policy': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where}: policy`, 'expected a mapping');
        const policy = { ...DEFAULT_CONFIG.policy };
        for (const [k, v] of Object.entries(value)) {
          if (!(POLICY_KEYS as readonly string[]).includes(k)) unknownKey(`${where}: policy`, k, POLICY_KEYS);
          policy[k as (typeof POLICY_KEYS)[number]] = stringArray(v, `${where}: policy.${k}`);
        }
        out.policy = policy;
        break;
      }
      case 'ignore':
        out.ignore = stringArray(value, `${where}: ignore`);
        break;
      case 'failOn':
        out.failOn = failOn(value, `${where}: failOn`);
        break;
      case 'goVersion':
        if (typeof value !== 'string' && typeof value !== 'number') fail(`${where}: goVersion`, 'expected a version such as "1.26"');
        if (!/^(go)?1\.\d+(\.\d+)?$/.test(String(value))) fail(`${where}: goVersion`, `"${value}" is not a Go version such as "1.26" or "1.26.3"`);
        out.goVersion = String(value).replace(/^go/, '');
        break;
      default:
        unknownKey(where, key, Object.keys(CONFIG_KEYS));
    }
  }
  return out;
}

function ruleSetting(value: unknown, where: string): RuleConfig {
  if (typeof value === 'string') {
    if (value !== 'off' && !(SEVERITIES as readonly string[]).includes(value)) fail(where, `expected off, error, warning or note, not "${value}"`);
    return { severity: value as RuleConfig['severity'] & string };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const rc: RuleConfig = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'severity') rc.severity = ruleSetting(v, `${where}.severity`).severity!;
      else if (k === 'options') {
        if (typeof v !== 'object' || v === null) fail(`${where}.options`, 'expected a mapping');
        rc.options = v as Record<string, unknown>;
      } else unknownKey(where, k, ['severity', 'options']);
    }
    return rc;
  }
  fail(where, 'expected off, error, warning, note or {severity, options}');
}

export function failOn(value: unknown, where: string): Severity | 'none' {
  if (value === 'none' || (SEVERITIES as readonly unknown[]).includes(value)) return value as Severity | 'none';
  fail(where, `expected error, warning, note or none, not "${String(value)}"`);
}

