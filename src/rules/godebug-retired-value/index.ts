// godebug-retired-value: a retired GODEBUG setting (internal/godebugs.Removed) at one of its old
// values. From Go 1.27 on, a program whose environment says so aborts at start-up, and the same
// value in go.mod `godebug` or `//go:debug` is a build error; older Go ignores or still honours
// it (go-facts.md §1.1, §1.2). With `godrift scan --go 1.27` this is the upgrade check: what
// would break before anyone upgrades.
import {
  GODEBUG_REMOVED_FATAL_MESSAGE,
  GODEBUG_REMOVED_FATAL_SINCE,
  minorNumber,
  godebugValueOnly,
  removedGodebugFatalIn,
  retiredGodebug,
} from '../../knowledge/index.js';
import { eachFact, isBuildDirective, versionOrNewest } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'godebug-retired-value',
    description: `A retired GODEBUG setting at an old value: a start-up crash (environment) or build error (go.mod, //go:debug) from Go ${GODEBUG_REMOVED_FATAL_SINCE} on.`,
    category: 'validity',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      crash: {
        message: 'GODEBUG "{item}" makes programs built with Go {fatalSince}+ abort at start-up ({fatal}): "{key}" was removed in Go {removed} and "{value}" is one of its old values ({oldValues}) (Go {version}: {reason})',
        help: 'remove "{key}" from GODEBUG and fix what still needs the old behaviour; it no longer exists',
      },
      buildError: {
        message: 'GODEBUG "{item}" is a build error with Go {fatalSince}+: "{key}" was removed in Go {removed} and the go command rejects its old value "{value}" (old values: {oldValues}) (Go {version}: {reason})',
        help: 'remove the line and fix what still needs the old behaviour; it no longer exists',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GODEBUG')) {
      const key = f.o.key;
      if (key === null) continue;
      const retired = retiredGodebug(key);
      const value = godebugValueOnly(f.o.value.text);
      if (!retired || !retired.oldValues.includes(value)) continue;
      const inForce = versionOrNewest(context, f);
      if (!removedGodebugFatalIn(inForce.version)) continue;
      const build = isBuildDirective(f.o);
      context.report({
        messageId: build ? 'buildError' : 'crash',
        data: {
          item: `${key}=${f.o.value.text}`,
          key,
          value,
          removed: retired.removedIn,
          oldValues: retired.oldValues.map((v) => `"${v}"`).join(', '),
          fatalSince: GODEBUG_REMOVED_FATAL_SINCE,
          fatal: GODEBUG_REMOVED_FATAL_MESSAGE.replace('{key}', key).replace('{value}', value).replace('{minor}', String(minorNumber(retired.removedIn) ?? '')),
          version: inForce.version,
          reason: inForce.reason,
        },
        observation: f.o,
        environment: f.environment,
        variable: 'GODEBUG',
        key,
        // Known to be built with Go ≥ 1.27: it breaks. Assumed (no version found): it will.
        severity: inForce.assumed ? 'warning' : 'error',
      });
    }
  },
};
