// `godrift explain <NAME>`: what godrift knows about one setting, formatted from the knowledge
// base and the rule registry. Pure: no I/O; main.ts prints the result.
// Accepted names: `GODEBUG=x509sha1`, `x509sha1`, `cpu.avx2`, `GOEXPERIMENT=arenas`, `arenas`,
// `noarenas`, and variable names such as `GOTRACEBACK` (case-insensitive).
import { closestMatch } from '../core/suggest.js';
import {
  allGodebugNames,
  buildcfgVariable,
  compareGoVersions,
  describeGodebugDomain,
  EXPERIMENT_MEANINGS,
  goErrorText,
  experimentsFor,
  godebugDefault,
  godebugExistsIn,
  godebugInTable,
  godebugSetting,
  GODEBUG_REMOVED_FATAL_SINCE,
  goMinorsUpTo,
  internalGodebugRead,
  NEWEST_GO_VERSION,
  removedGodebugFatalIn,
  retiredGodebug,
  securityReleaseGodebugs,
  suggestGodebugKey,
  TRACKED_VARIABLES,
  VARIABLE_FACTS,
  type GodebugSetting,
} from '../knowledge/index.js';
import { RULES } from '../rules/index.js';

export interface Explanation {
  text: string;
  json: unknown;
}

/** Consecutive versions with the same value as `1.21–1.27: 0` ranges (`—` where absent). */
function ranges(values: { version: string; value: string | undefined }[]): { from: string; to: string; value: string | undefined }[] {
  const out: { from: string; to: string; value: string | undefined }[] = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && last.value === v.value) last.to = v.version;
    else out.push({ from: v.version, to: v.version, value: v.value });
  }
  return out;
}

function rangeText(r: { from: string; to: string }): string {
  return r.from === r.to ? `Go ${r.from}` : `Go ${r.from}–${r.to}`;
}

/** Rule ids that judge a variable: their description names it (drift judges every setting). */
function rulesFor(variable: string, accept: (id: string) => boolean = () => true): string[] {
  const word = new RegExp(`\\b${variable}\\b`);
  return RULES.filter((r) => (r.meta.id === 'drift' || word.test(r.meta.description)) && accept(r.meta.id)).map((r) => r.meta.id);
}

function godebugRules(s: GodebugSetting): string[] {
  const security = securityReleaseGodebugs();
  return rulesFor('GODEBUG', (id) => {
    if (id === 'godebug-retired-value') return retiredGodebug(s.name) !== undefined;
    if (id === 'godebug-security-default-weakened') return security.includes(s.name);
    if (id === 'godebug-unknown-key') return false;
    return true;
  });
}

function explainGodebug(s: GodebugSetting): Explanation {
  const versions = goMinorsUpTo(NEWEST_GO_VERSION).map((m) => {
    const latest = `${m}.9999`;
    return { version: m, value: godebugExistsIn(s.name, latest) ? (godebugDefault(s.name, latest) ?? '(unset)') : undefined };
  });
  const defaults = ranges(versions);
  const retired = retiredGodebug(s.name);
  const inTable = godebugInTable(s.name, NEWEST_GO_VERSION) || (s.removed !== undefined && s.inTable);
  const rules = godebugRules(s);
  const lines: string[] = [];
  lines.push(`GODEBUG ${s.name} (${s.package})`);
  lines.push(`  ${s.meaning}`);
  lines.push(`  kind: ${s.categories.join(', ')}${s.hidden ? ', hidden (undocumented)' : ''}${s.platforms ? `; only on ${s.platforms.join(', ')}` : ''}`);
  lines.push(`  values: ${describeGodebugDomain(s.domain)}`);
  lines.push(`  exists: ${s.availability.map((a) => `${a}+`).join(', ')}${s.removed ? `; removed in Go ${s.removed}` : ''}`);
  lines.push('  default by Go version (toolchain with a matching go line):');
  for (const r of defaults) lines.push(`    ${rangeText(r)}: ${r.value === undefined ? 'does not exist' : r.value}`);
  if (s.changed) lines.push(`  changed in Go ${s.changed.version}: a main module whose go line is older gets "${s.changed.old}"`);
  lines.push(
    s.readsEnvironmentOnly
      ? '  where: read straight from the GODEBUG environment variable; go.mod godebug lines and //go:debug have no effect'
      : inTable
        ? '  where: GODEBUG environment variable, go.mod/go.work godebug lines, //go:debug directives'
        : '  where: GODEBUG environment variable only (not in the internal/godebugs table, so go.mod and //go:debug reject it)',
  );
  if (s.runtime) lines.push('  read by the runtime at start-up');
  if (s.immutable) lines.push('  cannot be changed after start-up');
  if (retired) {
    lines.push(
      `  retired: removed in Go ${retired.removedIn}; old value(s) ${retired.oldValues.map((v) => `"${v}"`).join(', ')} abort the program at start-up (environment) and fail the build (go.mod, //go:debug) with Go ${removedGodebugFatalIn(NEWEST_GO_VERSION) ? `${GODEBUG_REMOVED_FATAL_SINCE}+` : 'newer releases'}`,
    );
  }
  lines.push(`  checked by: ${rules.join(', ')}`);
  return {
    text: lines.join('\n') + '\n',
    json: {
      schemaVersion: 1,
      kind: 'godebug',
      name: s.name,
      package: s.package,
      meaning: s.meaning,
      categories: s.categories,
      values: describeGodebugDomain(s.domain),
      domain: s.domain,
      availability: s.availability,
      ...(s.added ? { added: s.added } : {}),
      ...(s.removed ? { removed: s.removed } : {}),
      ...(s.changed ? { changed: s.changed } : {}),
      defaults: defaults.map((r) => ({ from: r.from, to: r.to, value: r.value ?? null })),
      inTable,
      runtime: s.runtime,
      opaque: s.opaque,
      immutable: s.immutable,
      readsEnvironmentOnly: s.readsEnvironmentOnly ?? false,
      ...(retired ? { retired } : {}),
      rules,
    },
  };
}

/** A GODEBUG key the Go source reads but godrift does not model (go-command and testing internals). */
function explainInternalGodebug(name: string): Explanation | undefined {
  const r = internalGodebugRead(name);
  if (!r) return undefined;
  const rules = rulesFor('GODEBUG', (id) => id === 'godebug-unknown-key');
  const lines = [
    `GODEBUG ${name} (${r.packages.join(', ')})`,
    '  an undocumented internal: read by the Go source, not a documented setting (no metric, no compatibility promise)',
    `  read by the source of: ${r.toolchainsText}`,
    '  where: GODEBUG environment variable only (not in the internal/godebugs table, so go.mod and //go:debug reject it)',
    `  checked by: ${rules.join(', ')}`,
  ];
  return {
    text: lines.join('\n') + '\n',
    json: { schemaVersion: 1, kind: 'godebug-internal', name, packages: r.packages, toolchains: r.toolchains, rules },
  };
}

function experimentNames(): string[] {
  const names = new Set<string>(Object.keys(EXPERIMENT_MEANINGS));
  for (const m of goMinorsUpTo(NEWEST_GO_VERSION)) for (const e of experimentsFor(m)) names.add(e.name);
  return [...names].sort();
}

function explainExperiment(name: string): Explanation | undefined {
  const versions = goMinorsUpTo(NEWEST_GO_VERSION).map((m) => {
    const e = experimentsFor(m).find((x) => x.name === name);
    return { version: m, value: e ? (e.defaultOn ? `on by default${e.platformDependent ? ' (linux/amd64)' : ''}` : 'off by default') : undefined };
  });
  const meaning = EXPERIMENT_MEANINGS[name];
  if (!meaning && versions.every((v) => v.value === undefined)) return undefined;
  const defaults = ranges(versions);
  const present = versions.filter((v) => v.value !== undefined);
  const last = present[present.length - 1]?.version;
  const retiredAfter = last !== undefined && compareGoVersions(last, NEWEST_GO_VERSION.split('.').slice(0, 2).join('.')) < 0 ? last : undefined;
  const rules = rulesFor('GOEXPERIMENT');
  const lines = [`GOEXPERIMENT ${name}`];
  if (meaning) lines.push(`  ${meaning}`);
  lines.push('  by Go version (linux/amd64):');
  for (const r of defaults) lines.push(`    ${rangeText(r)}: ${r.value ?? 'unknown (the go command stops: go: unknown GOEXPERIMENT)'}`);
  if (retiredAfter) lines.push(`  retired after Go ${retiredAfter}: newer go commands stop with "go: ${goErrorText('goexperimentUnknown', name)}"`);
  const fixed = experimentsFor(NEWEST_GO_VERSION).find((e) => e.name === name)?.fixed;
  if (fixed === 'on') lines.push(`  always on for linux/amd64 in Go ${NEWEST_GO_VERSION}: GOEXPERIMENT=no${name} and none do not turn it off`);
  else if (!retiredAfter) lines.push(`  turn off with: GOEXPERIMENT=no${name}`);
  lines.push(`  checked by: ${rules.join(', ')}`);
  return {
    text: lines.join('\n') + '\n',
    json: {
      schemaVersion: 1,
      kind: 'goexperiment',
      name,
      ...(meaning ? { meaning } : {}),
      versions: defaults.map((r) => ({ from: r.from, to: r.to, state: r.value ?? null })),
      ...(retiredAfter ? { retiredAfter } : {}),
      rules,
    },
  };
}

/** `GOEXPERIMENT=none` (internal/buildcfg.ParseGOEXPERIMENT: resets every flag, then the platform's forced ones). */
function explainExperimentNone(): Explanation {
  const exps = experimentsFor(NEWEST_GO_VERSION);
  const casualties = exps.filter((e) => e.defaultOn && e.fixed !== 'on').map((e) => e.name);
  const kept = exps.filter((e) => e.fixed === 'on').map((e) => e.name);
  const rules = rulesFor('GOEXPERIMENT').filter((id) => id !== 'goexperiment-not-allowed');
  const lines = [
    'GOEXPERIMENT none',
    '  turns every experiment off, the default-on ones included; names after it in the list turn single ones back on',
    `  default-on experiments it turns off in Go ${NEWEST_GO_VERSION} (linux/amd64): ${casualties.join(', ') || 'none'}`,
    ...(kept.length > 0 ? [`  forced back on by the platform anyway: ${kept.join(', ')}`] : []),
    '  noX turns off only X',
    `  checked by: ${rules.join(', ')}`,
  ];
  return {
    text: lines.join('\n') + '\n',
    json: { schemaVersion: 1, kind: 'goexperiment-none', version: NEWEST_GO_VERSION, turnsOff: casualties, forcedOn: kept, rules },
  };
}

function explainVariable(name: string): Explanation | undefined {
  const v = TRACKED_VARIABLES.find((t) => t.name === name);
  if (!v) return undefined;
  const facts = VARIABLE_FACTS[name];
  const rules = rulesFor(name);
  const lines = [`${name}: ${v.summary}`, `  read by: ${v.readBy === 'both' ? 'the go command and running programs' : v.readBy === 'run' ? 'running programs' : 'the go command (build time)'}`];
  if (facts) {
    lines.push(`  default: ${facts.defaultText}`, `  values: ${facts.values}`, `  invalid values: ${facts.invalid}`);
    for (const n of facts.notes ?? []) lines.push(`  note: ${n}`);
  }
  const cfg = buildcfgVariable(name);
  let cfgJson: unknown;
  if (cfg) {
    // internal/buildcfg of each toolchain at hand (knowledge: buildcfgVariable).
    const byVersion = ranges(
      goMinorsUpTo(NEWEST_GO_VERSION).map((m) => {
        const c = buildcfgVariable(name, m);
        return { version: m, value: c === undefined ? undefined : c.invalidFatal ? 'an invalid value stops every go command' : 'an invalid value is silently replaced by the default' };
      }),
    );
    lines.push(`  accepted by ${cfg.source}: ${cfg.values.join(', ')}${cfg.suffixes.length > 0 ? `, optionally followed by ${cfg.suffixes.map((s) => `"${s}"`).join(', ')}` : ''}`);
    if (cfg.default) lines.push(`  toolchain default (${cfg.source}): ${cfg.default}`);
    lines.push(`  the go command's error: go: ${cfg.invalid}`);
    for (const r of byVersion) lines.push(`    ${rangeText(r)}: ${r.value ?? 'does not exist'}`);
    cfgJson = { source: cfg.source, values: cfg.values, suffixes: cfg.suffixes, default: cfg.default, invalid: cfg.invalid, byVersion: byVersion.map((r) => ({ from: r.from, to: r.to, invalid: r.value ?? null })) };
  }
  if (name === 'GODEBUG') lines.push(`  keys: ${allGodebugNames().length} known; run "godrift explain GODEBUG=<key>"`);
  if (name === 'GOEXPERIMENT') lines.push('  names: run "godrift explain GOEXPERIMENT=<name>"');
  lines.push(`  checked by: ${rules.join(', ')}`);
  return {
    text: lines.join('\n') + '\n',
    json: { schemaVersion: 1, kind: 'variable', name, summary: v.summary, readBy: v.readBy, ...(facts ? { facts } : {}), ...(cfgJson ? { buildcfg: cfgJson } : {}), rules },
  };
}

/** What godrift knows about `name`, or undefined when it knows nothing by that name. */
export function explain(name: string): Explanation | undefined {
  const raw = name.trim();
  const eq = raw.indexOf('=');
  if (eq > 0) {
    const variable = raw.slice(0, eq).toUpperCase();
    const item = raw.slice(eq + 1).trim();
    if (variable === 'GODEBUG') {
      const key = item.split('=')[0] ?? item;
      const s = godebugSetting(key);
      return s ? explainGodebug(s) : explainInternalGodebug(key);
    }
    if (variable === 'GOEXPERIMENT' && item === 'none') return explainExperimentNone();
    if (variable === 'GOEXPERIMENT') return explainExperiment(item.startsWith('no') && !EXPERIMENT_MEANINGS[item] ? item.slice(2) : item);
    return explainVariable(variable);
  }
  const variable = explainVariable(raw.toUpperCase());
  if (variable) return variable;
  const s = godebugSetting(raw);
  if (s) return explainGodebug(s);
  return explainExperiment(raw) ?? (raw.startsWith('no') ? explainExperiment(raw.slice(2)) : undefined) ?? explainInternalGodebug(raw);
}

/** A known name close to an unknown one, for "did you mean". */
export function suggestName(name: string): string | undefined {
  const raw = name.trim();
  const eq = raw.indexOf('=');
  const variable = eq > 0 ? raw.slice(0, eq).toUpperCase() : undefined;
  const item = eq > 0 ? raw.slice(eq + 1) : raw;
  if (variable === undefined || variable === 'GODEBUG') {
    const k = suggestGodebugKey(item);
    if (k) return variable ? `GODEBUG=${k}` : k;
  }
  if (variable === undefined || variable === 'GOEXPERIMENT') {
    const e = closestMatch(item, experimentNames());
    if (e) return variable ? `GOEXPERIMENT=${e}` : e;
  }
  return closestMatch(variable ?? raw, TRACKED_VARIABLES.map((t) => t.name));
}
