// The engine: observations → environments → resolution → rules → suppressions → findings.
// Pure: every input is handed in (file texts for suppression comments included); no I/O.
import { globMatcher } from './glob.js';
import type { Config } from '../config/schema.js';
import { assignEnvironments } from '../environments/index.js';
import { compareGoVersions, gotoolchainProblem, parseGotoolchain, selectGoToolchain } from '../knowledge/index.js';
import { hasNoEffect, resolve, type Resolution } from '../resolve/index.js';
import { formatMessage, type GoVersionInForce, type Rule, type RuleContext } from '../rules/types.js';
import { fingerprint } from './fingerprint.js';
import { applySuppressions, markSuppressionUse, parseSuppressions, type Suppression } from './suppress.js';
import type { Diagnostic, EnvironmentName, Finding, Observation, Severity } from './types.js';

export interface EngineInput {
  observations: Observation[];
  config: Config;
  rules: readonly Rule[];
  /** `--go`: judge everything against this Go version (upgrade checks). */
  goVersionOverride?: string;
  /** Text of scanned files, for suppression comments. */
  fileText(path: string): string | undefined;
  /** `--no-inline-ignores`: suppression comments do not apply. */
  inlineIgnores: boolean;
  /**
   * Every scanned file with text, for suppression comments in files without findings (stale
   * ones). Default: the files that have findings.
   */
  filePaths?: readonly string[];
  /** False when only some paths were scanned: stale suppressions are then not judged. */
  complete?: boolean;
}

export interface EngineResult {
  findings: Finding[];
  suppressed: Array<{ finding: Finding; reason: string }>;
  diagnostics: Diagnostic[];
  resolution: Resolution;
  observations: Observation[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1 };

export function severityAtLeast(s: Severity, threshold: Severity | 'none'): boolean {
  return threshold !== 'none' && SEVERITY_RANK[s] >= SEVERITY_RANK[threshold];
}

/** Assigns each observation its target from godrift.yaml `targets` (default: the repository, "."). */
export function assignTargets(observations: Observation[], config: Config): void {
  const targets = Object.entries(config.targets).map(([name, globs]) => [name, globMatcher(globs, { dot: true })] as const);
  for (const o of observations) {
    const hit = targets.find(([, match]) => match(o.span.path));
    o.target = hit ? hit[0] : '.';
  }
}

function versionFromText(text: string): string | undefined {
  const m = /^(?:go)?(\d+\.\d+(?:\.\d+)?)/.exec(text.trim());
  return m?.[1];
}

function where(o: Observation): string {
  return o.span.start ? `${o.span.path}:${o.span.start.line}` : o.span.path;
}

type Picked = { version: string; o: Observation } | undefined;

/**
 * The toolchain the go command switches to (knowledge: selectGoToolchain) when GOTOOLCHAIN is
 * set, or when an installed toolchain is known and go.mod asks for a newer one (the default
 * GOTOOLCHAIN=auto of Go 1.21+). Undefined when neither applies: the plain precedence then holds.
 * Several GOTOOLCHAIN values in one environment: the newest outcome (what breaks first).
 */
function selectWithGotoolchain(all: readonly Observation[], build: Picked, toolchain: Picked, goLine: Picked): GoVersionInForce | undefined {
  // A value the go command rejects selects nothing (gotoolchain-invalid reports it).
  const settings = all.filter(
    (o) => o.variable === 'GOTOOLCHAIN' && o.key === null && o.value.literal && !hasNoEffect(o) && o.origin !== 'go-runtime-call' && !gotoolchainProblem(o.value.text),
  );
  const candidates: Array<Observation | undefined> = settings.length > 0 ? settings : [undefined];
  let best: GoVersionInForce | undefined;
  for (const g of candidates) {
    const parsed = g ? parseGotoolchain(g.value.text) : undefined;
    // Unknown installed toolchain and no named one in GOTOOLCHAIN: nothing to select from.
    if (!build && (!parsed || parsed.min === 'local')) {
      if (g && parsed?.mode === 'none' && (toolchain || goLine)) {
        // GOTOOLCHAIN=local: go.mod's toolchain line does not switch; judge by the go line.
        const v = goLine ?? toolchain!;
        const r: GoVersionInForce = { version: v.version, reason: `GOTOOLCHAIN=${g.value.text.trim()} at ${where(g)} disables toolchain switching; ${goLine ? `go line at ${where(goLine.o)} (the oldest toolchain that builds it)` : `toolchain line at ${where(v.o)}`}`, ...(goLine ? { minimum: true as const } : {}) };
        if (!best?.version || compareGoVersions(r.version!, best.version) > 0) best = r;
      }
      continue;
    }
    const sel = selectGoToolchain({
      ...(build ? { local: build.version } : {}),
      ...(g ? { gotoolchain: g.value.text } : {}),
      ...(toolchain ? { toolchainLine: toolchain.o.value.text } : {}),
      ...(goLine ? { goLine: goLine.version } : {}),
    });
    if (!sel) continue;
    // Nothing switched: leave the plain reason (`Go X builds it (…)`).
    if (sel.because.length === 0 && !g) continue;
    const parts = [build ? `Go ${build.version} is installed (${where(build.o)})` : undefined, ...sel.because].filter((x): x is string => !!x);
    const by = new Set(sel.decidedBy ?? []);
    const at = [
      g ? `GOTOOLCHAIN at ${where(g)}` : undefined,
      by.has('toolchain-line') && toolchain ? `toolchain line at ${where(toolchain.o)}` : undefined,
      by.has('go-line') && goLine ? `go line at ${where(goLine.o)}` : undefined,
    ].filter((x): x is string => !!x);
    const r = { version: sel.version, reason: `${parts.join('; ')}${at.length > 0 ? ` (${at.join(', ')})` : ''}` };
    if (!best?.version || compareGoVersions(r.version, best.version) > 0) best = r;
  }
  return best;
}

/** The Go version a (target, environment) is judged against, with the reason. */
export function goVersionResolver(resolution: Resolution, config: Config, override?: string) {
  const cache = new Map<string, GoVersionInForce>();
  return (target: string, environment: EnvironmentName): GoVersionInForce => {
    if (override) return { version: override, reason: 'given with --go' };
    const k = `${target}\u0000${environment}`;
    const cached = cache.get(k);
    if (cached) return cached;
    const all = resolution.observationsIn(target, environment);
    const pick = (variable: string): { version: string; o: Observation } | undefined => {
      let best: { version: string; o: Observation } | undefined;
      for (const o of all) {
        if (o.variable !== variable || !o.value.literal) continue;
        const v = versionFromText(o.value.text);
        if (v && (!best || compareGoVersions(v, best.version) > 0)) best = { version: v, o };
      }
      return best;
    };
    let result: GoVersionInForce;
    const build = pick('@build-toolchain');
    const toolchain = pick('@toolchain');
    const goLine = pick('@go');
    const selected = build?.o.origin === 'binary-buildinfo' ? undefined : selectWithGotoolchain(all, build, toolchain, goLine);
    if (build && build.o.origin === 'binary-buildinfo') result = { version: build.version, reason: `Go ${build.version} builds it (${where(build.o)})` };
    else if (selected) result = selected;
    else if (build) result = { version: build.version, reason: `Go ${build.version} builds it (${where(build.o)})` };
    else if (toolchain) result = { version: toolchain.version, reason: `toolchain line at ${where(toolchain.o)}` };
    else if (config.goVersion) result = { version: config.goVersion, reason: 'goVersion in godrift.yaml' };
    else if (goLine) result = { version: goLine.version, reason: `go line at ${where(goLine.o)} (the oldest toolchain that builds it)`, minimum: true };
    else result = { reason: 'no Go version found in the repository' };
    cache.set(k, result);
    return result;
  };
}

export function runEngine(input: EngineInput): EngineResult {
  const { config } = input;
  const diagnostics: Diagnostic[] = [];
  assignTargets(input.observations, config);
  assignEnvironments(input.observations, config);
  const resolution = resolve(input.observations);
  const goVersion = goVersionResolver(resolution, config, input.goVersionOverride);
  const findings: Finding[] = [];
  const contextFor = (rule: Rule, sink: Finding[]): RuleContext | undefined => {
    const ruleConfig = config.rules[rule.meta.id];
    if (ruleConfig?.severity === 'off') return undefined;
    const configuredSeverity = ruleConfig?.severity as Severity | undefined;
    return {
      resolution,
      config,
      options: ruleConfig?.options ?? {},
      goVersion,
      report(r) {
        const template = rule.meta.messages[r.messageId];
        if (!template) throw new Error(`rule ${rule.meta.id} reported unknown message id ${r.messageId}`);
        const span = r.observation?.span ?? r.span;
        if (!span) throw new Error(`rule ${rule.meta.id} reported without a location`);
        const environmentReason = r.environmentReason ?? r.observation?.environment?.reason;
        sink.push({
          ruleId: rule.meta.id,
          messageId: r.messageId,
          severity: configuredSeverity ?? r.severity ?? rule.meta.defaultSeverity,
          message: formatMessage(template.message, r.data),
          variable: r.variable,
          key: r.key,
          environment: r.environment,
          ...(environmentReason ? { environmentReason } : {}),
          span,
          related: r.related ?? [],
          remediation: formatMessage(template.help, r.data),
          ...(r.fix ? { fix: r.fix } : {}),
          docsUrl: `src/rules/${rule.meta.id}/README.md`,
          fingerprint: fingerprint([
            rule.meta.id,
            r.messageId,
            span.path,
            r.variable,
            r.key,
            r.environment,
            r.fingerprintExtra,
          ]),
        });
      },
    };
  };
  for (const rule of input.rules) {
    const context = contextFor(rule, findings);
    if (context) rule.check(context);
  }
  // Suppressions: parsed in every scanned file (a directive in a file without findings may be
  // stale), matched always, applied unless --no-inline-ignores.
  const paths = input.filePaths ?? [...new Set(findings.map((f) => f.span.path))];
  const directives: Suppression[] = [];
  for (const p of paths) {
    const text = input.fileText(p);
    if (text !== undefined) directives.push(...parseSuppressions(p, text, diagnostics));
  }
  let kept = findings;
  let suppressed: EngineResult['suppressed'] = [];
  if (input.inlineIgnores) {
    const applied = applySuppressions(findings, directives);
    kept = applied.kept;
    suppressed = applied.suppressed.map(({ finding, suppression }) => ({ finding, reason: suppression.reason }));
  } else markSuppressionUse(findings, directives);
  // Rules that judge the directives themselves (inline-ignore) run last; their findings are
  // not subject to suppression.
  const review = {
    directives,
    inlineIgnores: input.inlineIgnores,
    complete: input.complete ?? true,
    ruleIds: input.rules.map((r) => r.meta.id),
    disabledRuleIds: Object.entries(config.rules).filter(([, c]) => c.severity === 'off').map(([id]) => id),
  };
  const reviewFindings: Finding[] = [];
  for (const rule of input.rules) {
    if (!rule.reviewSuppressions) continue;
    const context = contextFor(rule, reviewFindings);
    if (context) rule.reviewSuppressions(context, review);
  }
  kept = [...kept, ...reviewFindings];
  return { findings: sortFindings(dedupe(kept)), suppressed, diagnostics, resolution, observations: input.observations };
}

/** One finding per fingerprint and position (a setting inherited by two contexts is one problem). */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.fingerprint}\u0000${f.span.start?.offset ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.span.path.localeCompare(b.span.path) ||
      (a.span.start?.offset ?? 0) - (b.span.start?.offset ?? 0) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}
