// Helper tiers for rules (hadolint's split): `eachEffective` judges one effective value at a
// time; rules that compare environments (drift) read cells from the resolution and decide at
// the end. Nothing here parses or reads files.
import type { EnvironmentName, Observation } from '../core/types.js';
import type { Cell, EffectiveValue } from '../resolve/index.js';
import type { RuleContext } from './types.js';

/** `GODEBUG "panicnil"` or `GOGC`: how messages name a setting. */
export function settingName(variable: string, key: string | null): string {
  return key === null ? variable : `${variable} "${key}"`;
}

/** Calls `judge` for every literal effective value of `variable` (any key) in `environment`. */
export function eachEffective(
  context: RuleContext,
  environment: EnvironmentName,
  variable: string,
  judge: (value: EffectiveValue, cell: Cell, target: string) => void,
): void {
  const { resolution } = context;
  for (const target of resolution.targets) {
    for (const s of resolution.settings) {
      if (s.variable !== variable) continue;
      const cell = resolution.cell(target, environment, s.variable, s.key);
      for (const v of cell.values) if (v.literal) judge(v, cell, target);
    }
  }
}

/** Scope levels that identify one running unit (a container, a compose service, a values file). */
const UNIT_KINDS = new Set(['overlay', 'workload', 'container', 'initContainer', 'service', 'chart', 'values', 'unit']);

/** Identity of the unit an observation configures, or undefined when the source has none (Dockerfile ENV). */
export function unitOf(o: Observation): string | undefined {
  const levels = o.scope.filter((s) => UNIT_KINDS.has(s.kind));
  if (levels.length === 0) return undefined;
  return `${o.variant ?? ''}\u0000${levels.map((s) => `${s.kind}:${s.name}`).join('/')}`;
}

/** Context facts (`@limits.memory`, …) of the same unit as `o`, in the same environment. */
export function unitFacts(context: RuleContext, o: Observation, variable: string): Observation[] {
  const unit = unitOf(o);
  if (unit === undefined) return [];
  const env = o.environment?.name ?? 'unknown';
  return context.resolution
    .observationsIn(o.target ?? '.', env)
    .filter((f) => f.variable === variable && unitOf(f) === unit);
}

/** `path:line` of an observation, for messages. */
export function locationText(o: Observation): string {
  return o.span.start ? `${o.span.path}:${o.span.start.line}` : o.span.path;
}
