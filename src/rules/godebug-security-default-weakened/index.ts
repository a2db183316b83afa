// godebug-security-default-weakened: limits added by Go security releases (httpcookiemaxnum,
// urlmaxqueryparams, httpservecontentmaxranges) are tabled with a `Changed` version, so a main
// module whose go line is older gets the old, unlimited value from a new toolchain unless it
// sets the key explicitly — contrary to doc/godebug.md's promise that security GODEBUGs apply to
// all versions (go-facts.md §2.3 "Surprise worth a rule", docs/knowledge.md). Reported at the
// go line that causes it.
import { godebugDefault, godebugSetting, securityReleaseGodebugs } from '../../knowledge/index.js';
import { eachFact, goLineOf, latestPatch, versionFor } from '../facts.js';
import { environmentSeen } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'godebug-security-default-weakened',
    description: 'An old go line silently gives security limits from Go security releases (GODEBUG httpcookiemaxnum, urlmaxqueryparams, …) their old, weaker value.',
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      weakened: {
        message: 'go line {goLine} gives GODEBUG "{key}" its old value "{weak}" instead of "{strong}" when built with Go {version} ({meaning}): the go line is older than {changed} (Go {version}: {reason})',
        help: 'raise the go line to {changed} or later, or set "godebug {key}={strong}" in go.mod',
      },
    },
  },
  check(context) {
    const explicit = new Set<string>();
    for (const f of eachFact(context, 'GODEBUG', { includeNonLiteral: true })) {
      if (f.o.environment?.programWide || f.environment === 'production') explicit.add(`${f.target}\u0000${f.o.key}`);
    }
    for (const target of context.resolution.targets) {
      // The go line sets DefaultGODEBUG only for binaries whose main module this is. Without any
      // production context (an image, a deployment, a shipped binary) the repository is most
      // likely a library, whose go line never reaches a production binary: stay silent.
      if (!environmentSeen(context, target, 'production')) continue;
      const goLine = goLineOf(context, target);
      if (!goLine) continue;
      const inForce = versionFor(context, { o: goLine, target, environment: goLine.environment?.name ?? 'unknown' });
      if (!inForce.version) continue;
      const toolchain = latestPatch(inForce.version);
      for (const key of securityReleaseGodebugs()) {
        if (explicit.has(`${target}\u0000${key}`)) continue;
        const weak = godebugDefault(key, toolchain, goLine.value.text);
        const strong = godebugDefault(key, toolchain);
        const s = godebugSetting(key);
        if (weak === undefined || strong === undefined || weak === strong || !s?.changed) continue;
        context.report({
          messageId: 'weakened',
          data: {
            goLine: goLine.value.text,
            key,
            weak,
            strong,
            meaning: s.meaning,
            changed: s.changed.version,
            version: inForce.version,
            reason: inForce.reason,
          },
          observation: goLine,
          environment: goLine.environment?.name ?? 'unknown',
          variable: 'GODEBUG',
          key,
        });
      }
    }
  },
};
