// The rule contract. Rules read resolved facts and the knowledge base and report; they never
// parse and never do I/O (design.md). Messages live in a table keyed by id so tests can assert
// ids and positions rather than wording.
import type { Config } from '../config/schema.js';
import type { EnvironmentName, Observation, RelatedLocation, Severity, Span, TextEdit } from '../core/types.js';
import type { Suppression } from '../core/suppress.js';
import type { Resolution } from '../resolve/index.js';

export interface RuleMessage {
  /** Template with `{name}` placeholders; lowercase start; quotes values. */
  message: string;
  /** One sentence: how to fix it (same placeholders). */
  help: string;
}

export interface RuleMeta {
  /** Stable kebab-case id; also the folder name under src/rules/. */
  id: string;
  /** One line for listings and SARIF shortDescription. */
  description: string;
  category: 'drift' | 'production-hazard' | 'validity' | 'portability';
  defaultSeverity: Severity;
  messages: Record<string, RuleMessage>;
  fixable: boolean;
}

/** The Go toolchain version a place is judged against, and why. */
export interface GoVersionInForce {
  version?: string;
  reason: string;
  /**
   * Set when `version` is a go line's minimum rather than a toolchain that is installed or named
   * (`go 1.23` in go.mod is 1.23's first release; an image tag `golang:1.23` is its newest patch).
   */
  minimum?: true;
}

export interface Report {
  messageId: string;
  data: Record<string, string | number>;
  /** Primary location: the observation that is at fault (or a span when there is none). */
  observation?: Observation;
  span?: Span;
  environment: EnvironmentName;
  environmentReason?: string;
  variable: string;
  key: string | null;
  related?: RelatedLocation[];
  /** Overrides the rule's default severity for this report (e.g. a crash is worse than a cost). */
  severity?: Severity;
  fix?: TextEdit[];
  /** Extra discriminator for the fingerprint when one rule reports one setting twice. */
  fingerprintExtra?: string;
}

export interface RuleContext {
  resolution: Resolution;
  config: Config;
  options: Record<string, unknown>;
  goVersion(target: string, environment: EnvironmentName): GoVersionInForce;
  report(report: Report): void;
}

/**
 * What the engine hands to a rule that judges suppression comments, after every other rule ran
 * (the comments are parsed by the engine: rules never parse).
 */
export interface SuppressionReview {
  /** Every valid `godrift-ignore` directive in the scanned files, with the rule ids it matched. */
  directives: readonly Suppression[];
  /** False under `--no-inline-ignores`: the directives were not applied. */
  inlineIgnores: boolean;
  /** True when the whole repository was scanned; a partial scan cannot tell that a directive is stale. */
  complete: boolean;
  /** Every rule id godrift knows. */
  ruleIds: readonly string[];
  /** Rule ids switched off in godrift.yaml: their directives are idle, not stale. */
  disabledRuleIds: readonly string[];
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
  /** Optional second pass over the suppression comments, once every rule's findings are known. */
  reviewSuppressions?(context: RuleContext, review: SuppressionReview): void;
}

/** Fills `{name}` placeholders; values are inserted as given (quote them in the template). */
export function formatMessage(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
