// godrift.yaml: the one optional configuration file. This module owns its shape, its defaults
// and its validation; the JSON Schema for editors (docs/godrift.schema.json) is generated from
// CONFIG_KEYS by scripts/gen-schema.mjs.
import type { EnvironmentName, Severity } from '../core/types.js';

export type RuleSetting = 'off' | Severity;

export interface RuleConfig {
  severity?: RuleSetting;
  options?: Record<string, unknown>;
}

export interface Policy {
  /** GOEXPERIMENT names allowed in production builds (default: none). */
  allowedExperiments: string[];
  /** GODEBUG keys that may be set in production without a hazard finding. */
  allowedProductionGodebug: string[];
}

export interface Config {
  /** Environment → globs (matched against repository-relative paths) declaring files of it. */
  environments: Partial<Record<EnvironmentName, string[]>>;
  /** Target name → globs of the files that make up that program. Default: one target, the repository. */
  targets: Record<string, string[]>;
  rules: Record<string, RuleConfig>;
  policy: Policy;
  /** Globs of paths not to scan (in addition to .gitignore, node_modules, vendor, .git). */
  ignore: string[];
  /** Lowest severity that makes the exit code 1; `none` never fails. */
  failOn: Severity | 'none';
  /** Go version to judge against when the repository does not say. */
  goVersion?: string;
}

export const DEFAULT_CONFIG: Config = {
  environments: {},
  targets: {},
  rules: {},
  policy: { allowedExperiments: [], allowedProductionGodebug: [] },
  ignore: [],
  failOn: 'error',
};

/** Top-level keys and their kinds (the JSON Schema and the validator both read this). */
export const CONFIG_KEYS = {
  environments: 'object of string arrays keyed by environment name',
  targets: 'object of string arrays keyed by target name',
  rules: 'object keyed by rule id: off | error | warning | note | {severity, options}',
  policy: 'object: allowedExperiments, allowedProductionGodebug (string arrays)',
  ignore: 'array of globs',
  failOn: 'error | warning | note | none',
  goVersion: 'Go version such as 1.26 or 1.26.3',
} as const;

export const ENVIRONMENT_NAMES: readonly EnvironmentName[] = ['production', 'staging', 'test', 'dev', 'unknown'];
export const POLICY_KEYS = ['allowedExperiments', 'allowedProductionGodebug'] as const;
