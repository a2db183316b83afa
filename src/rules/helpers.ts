// Helper tiers for rules (hadolint's split): `eachEffective` judges one effective value at a
// time; rules that compare environments (drift) read cells from the resolution and decide at
// the end. Nothing here parses or reads files.
import type { EnvironmentName, Observation } from '../core/types.js';
import type { Cell, EffectiveValue } from '../resolve/index.js';
import type { RuleContext } from './types.js';

/**
 * Whether the repository shows `environment` for `target` at all: settings or context facts of
 * its own, not only the program-wide ones every environment shares.
 */
export function environmentSeen(context: RuleContext, target: string, environment: EnvironmentName): boolean {
  return context.resolution.observationsIn(target, environment).some((o) => !o.environment?.programWide);
}

/** `GODEBUG "panicnil"` or `GOGC`: how messages name a setting. */
export function settingName(variable: string, key: string | null): string {
  return key === null ? variable : `${variable} "${key}"`;
}

/**
 * Calls `judge` for every literal effective value of `variable` (any key) in `environment` that
 * comes from configuration. Values set by calls in the program's code (os.Setenv,
 * debug.SetGCPercent) are left out: code is deliberate and often temporary or conditional
 * (a deferred restore, a debug flag), which a static reading cannot tell.
 */
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
      for (const v of cell.values) if (v.literal && v.observation.origin !== 'go-runtime-call') judge(v, cell, target);
    }
  }
}

/** Scope levels that identify one running unit (a container, a compose service, a values file). */
const UNIT_KINDS = new Set(['overlay', 'workload', 'container', 'initContainer', 'service', 'chart', 'values', 'unit']);

/** The unit levels of an observation's scope, or undefined when the source has none (Dockerfile ENV). */
function unitLevels(o: Observation): string[] | undefined {
  const levels = o.scope.filter((s) => UNIT_KINDS.has(s.kind)).map((s) => `${s.kind}:${s.name}`);
  return levels.length === 0 ? undefined : levels;
}

/** Identity of the unit an observation configures, or undefined when the source has none. */
export function unitOf(o: Observation): string | undefined {
  const levels = unitLevels(o);
  return levels === undefined ? undefined : `${o.variant ?? ''}\u0000${levels.join('/')}`;
}

/**
 * Context facts (`@limits.memory`, …) of the unit `o` configures, in the same environment and
 * variant. A fact scoped to an enclosing unit counts too: Helm values set `resources` for the
 * chart while a rendered env entry is scoped down to the template's container.
 */
export function unitFacts(context: RuleContext, o: Observation, variable: string): Observation[] {
  const own = unitLevels(o);
  if (own === undefined) return [];
  const env = o.environment?.name ?? 'unknown';
  const index = unitIndex(context, o.target ?? '.', env, variable);
  // Each enclosing unit (a prefix of `own`) is one lookup; results keep observationsIn order.
  const hits: Array<{ o: Observation; at: number }> = [];
  for (let n = 1; n <= own.length; n++) hits.push(...(index.get(`${o.variant ?? ''}\u0000${own.slice(0, n).join('\u0000')}`) ?? []));
  return hits.sort((a, b) => a.at - b.at).map((h) => h.o);
}

/**
 * Facts of one variable in one (target, environment), keyed by variant and unit levels, with
 * their position in observationsIn. Rules ask unitFacts once per setting fact; filtering the whole
 * environment each time was quadratic (2,000 containers: ~25 s).
 */
const unitIndexes = new WeakMap<object, Map<string, Map<string, Array<{ o: Observation; at: number }>>>>();

function unitIndex(context: RuleContext, target: string, env: EnvironmentName, variable: string): Map<string, Array<{ o: Observation; at: number }>> {
  let perResolution = unitIndexes.get(context.resolution);
  if (!perResolution) unitIndexes.set(context.resolution, (perResolution = new Map()));
  const k = `${target}\u0000${env}\u0000${variable}`;
  let index = perResolution.get(k);
  if (index) return index;
  index = new Map();
  const all = context.resolution.observationsIn(target, env);
  for (let at = 0; at < all.length; at++) {
    const f = all[at]!;
    if (f.variable !== variable) continue;
    const theirs = unitLevels(f);
    if (theirs === undefined) continue;
    const key = `${f.variant ?? ''}\u0000${theirs.join('\u0000')}`;
    const list = index.get(key);
    if (list) list.push({ o: f, at });
    else index.set(key, [{ o: f, at }]);
  }
  perResolution.set(k, index);
  return index;
}

/** `path:line` of an observation, for messages. */
export function locationText(o: Observation): string {
  return o.span.start ? `${o.span.path}:${o.span.start.line}` : o.span.path;
}

/** The Dockerfile stage an observation belongs to, as `path\u0000stage`, if any. */
export function stageKey(o: Observation): string | undefined {
  const stage = o.scope.find((s) => s.kind === 'stage')?.name;
  return stage === undefined ? undefined : `${o.span.path}\u0000${stage}`;
}

/**
 * Dockerfile stages that hold a Go toolchain: built FROM a golang image (`@build-toolchain`), or
 * with other evidence the extractor recorded (`@toolchain-image`: a toolchain copied in, `$GOROOT/bin`
 * on PATH, go commands run). Inherited through `FROM <stage>` like ENV.
 */
export function toolchainStages(context: RuleContext): Set<string> {
  const out = new Set<string>();
  const { resolution } = context;
  for (const target of resolution.targets) {
    for (const env of resolution.environments) {
      for (const o of resolution.observationsIn(target, env)) {
        const dockerfileToolchain = o.variable === '@build-toolchain' && o.origin === 'dockerfile-from';
        if (!dockerfileToolchain && o.variable !== '@toolchain-image') continue;
        const key = stageKey(o);
        if (key) out.add(key);
      }
    }
  }
  return out;
}
