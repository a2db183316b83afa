// prod-godebug-hazard: a GODEBUG key in production that costs CPU, memory or latency, floods
// stderr with diagnostics, weakens a security default, or crashes the program at start-up
// (go-facts.md §1.5, §1.6). What counts, and why, comes from the knowledge base.
import { godebugDefault, godebugExistsIn, godebugProductionHazard, godebugSetting, godebugValueOnly, NEWEST_GO_VERSION, retiredGodebug } from '../../knowledge/index.js';
import { eachEffective } from '../helpers.js';
import type { Observation } from '../../core/types.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'prod-godebug-hazard',
    description: 'A GODEBUG setting in production is costly, diagnostic-only, security-weakening or fatal.',
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      hazard: {
        message: 'GODEBUG "{key}={value}" in production: {reason}{assumed}',
        help: 'remove "{key}" from the production GODEBUG (keep it for debugging sessions), or list it in policy.allowedProductionGodebug in godrift.yaml if it is deliberate',
      },
      compiledOldDefault: {
        message: 'GODEBUG "{key}={value}" is compiled into the binary (DefaultGODEBUG): the old default a main module whose go line is older than {changed} gets, or a godebug line that pins it; {reason}',
        help: 'raise the main module\'s go line to {changed} or later, or add "godebug {key}={current}" to go.mod, and rebuild; or list "{key}" in policy.allowedProductionGodebug if the old behaviour is needed',
      },
    },
  },
  check(context) {
    const allowed = new Set(context.config.policy.allowedProductionGodebug);
    eachEffective(context, 'production', 'GODEBUG', (v, cell, target) => {
      if (cell.key === null || allowed.has(cell.key)) return;
      const inForce = context.goVersion(target, 'production');
      // A setting the Go version in force does not have does nothing (godebug-not-in-version says so).
      if (inForce.version && !godebugExistsIn(cell.key, inForce.version, { latestPatch: true })) return;
      const hazard = godebugProductionHazard(cell.key, v.text, inForce.version);
      if (!hazard) return;
      // A retired setting at an old value is godebug-retired-value's finding (every environment,
      // also the upgrade check); one value, one finding.
      if (hazard.kind === 'crash' && retiredGodebug(cell.key)?.oldValues.includes(godebugValueOnly(v.text))) return;
      // DefaultGODEBUG at a setting's compatibility value is what an old go line gives every build
      // of the module (go-facts.md §2.3), not a value somebody set for production: the build info
      // cannot tell which, so it is said as such and weighs a warning, not a deliberate setting's error.
      const compiled = compiledOldDefault(v.observation, cell.key, v.text);
      if (compiled) {
        context.report({
          messageId: 'compiledOldDefault',
          data: { key: cell.key, value: v.text, reason: hazard.reason, changed: compiled.changed, current: compiled.current },
          observation: v.observation,
          environment: 'production',
          variable: 'GODEBUG',
          key: cell.key,
          severity: hazard.kind === 'security' || hazard.cost !== 'low' ? 'warning' : 'note',
        });
        return;
      }
      // A crash depends on the Go version: say which one was assumed and why.
      const assumed =
        hazard.kind === 'crash' ? ` (judged for Go ${inForce.version ?? NEWEST_GO_VERSION}: ${inForce.version ? inForce.reason : 'no Go version found, so the newest known'})` : '';
      context.report({
        messageId: 'hazard',
        data: { key: cell.key, value: v.text, reason: hazard.reason, assumed },
        observation: v.observation,
        environment: 'production',
        variable: 'GODEBUG',
        key: cell.key,
        severity: hazard.kind === 'crash' || hazard.kind === 'security' || hazard.cost === 'high' ? 'error' : hazard.cost === 'low' ? 'note' : 'warning',
      });
    });
  },
};

/**
 * For a binary's DefaultGODEBUG entry whose value is the setting's compatibility value (the
 * `Old` of internal/godebugs for a `Changed` release): that release, and the default the binary's
 * own Go would use with a current go line.
 */
function compiledOldDefault(o: Observation, key: string, value: string): { changed: string; current: string } | undefined {
  if (o.origin !== 'binary-buildinfo') return undefined;
  const changed = godebugSetting(key)?.changed;
  if (!changed || godebugValueOnly(value) !== changed.old) return undefined;
  const current = godebugDefault(key, o.goVersion ?? NEWEST_GO_VERSION);
  if (current === undefined || current === changed.old) return undefined;
  return { changed: changed.version, current };
}
