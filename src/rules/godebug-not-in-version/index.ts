// godebug-not-in-version: a GODEBUG setting that the Go version in force does not have — removed
// already, or not yet added (go-facts.md §1.2, §2.1, §2.2). In the environment it is ignored like
// any unknown key; in go.mod `godebug` lines and `//go:debug` the go command rejects it, except
// that Go ≥ 1.27 accepts retired settings at their new value (commit 015343854b). A retired
// setting at an old value on Go ≥ 1.27 is godebug-retired-value's finding, not this one's.
import {
  godebugExistsIn,
  godebugInTable,
  godebugSetting,
  godebugValueOnly,
  removedGodebugFatalIn,
  retiredGodebug,
  compareGoVersions,
  asRelease,
} from '../../knowledge/index.js';
import { eachFact, isBuildDirective, latestPatch, versionFor } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'godebug-not-in-version',
    description: 'A GODEBUG setting that the Go version in force removed or does not have yet: it has no effect (or breaks the build in go.mod or //go:debug).',
    category: 'validity',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      removed: {
        message: 'GODEBUG "{item}" has no effect: "{key}" was removed in Go {removed} and Go {version} ignores it (Go {version}: {reason})',
        help: 'remove "{key}"; the behaviour it restored is gone since Go {removed}',
      },
      notYet: {
        message: 'GODEBUG "{item}" has no effect: "{key}" exists only in Go {available} and Go {version} ignores it (Go {version}: {reason})',
        help: 'remove "{key}" or upgrade to a Go version that has it',
      },
      rejectedInBuild: {
        message: 'GODEBUG "{item}" breaks the build: the go command of Go {version} does not know "{key}" ({why}) (Go {version}: {reason})',
        help: 'remove the line, or build with a Go version that has "{key}"',
      },
      notInTable: {
        message: 'GODEBUG "{item}" breaks the build: go.mod godebug lines and //go:debug accept only settings of the internal/godebugs table, and "{key}" is not in it for Go {version} (Go {version}: {reason})',
        help: 'set "{key}" in the GODEBUG environment variable instead',
      },
      retiredAccepted: {
        message: 'GODEBUG "{item}" has no effect: "{key}" was removed in Go {removed}; Go {version} accepts only its new value here, which is what every program gets anyway (Go {version}: {reason})',
        help: 'remove the line',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GODEBUG')) {
      const key = f.o.key;
      if (key === null || key === 'default') continue;
      const s = godebugSetting(key);
      if (!s) continue;
      const inForce = versionFor(context, f);
      const version = inForce.version;
      if (!version) continue;
      const value = godebugValueOnly(f.o.value.text);
      const retired = retiredGodebug(key);
      const fatal = removedGodebugFatalIn(version);
      if (retired && fatal && retired.oldValues.includes(value)) continue;
      const exists = godebugExistsIn(key, version, { latestPatch: true });
      const build = isBuildDirective(f.o);
      const removed = s.removed ?? retired?.removedIn;
      const data = {
        item: `${key}=${f.o.value.text}`,
        key,
        version,
        reason: inForce.reason,
        removed: removed ?? '',
        available: s.availability.map((a) => `${a}+`).join(', '),
        why: '',
      };
      const report = (messageId: string, severity: 'error' | 'warning') =>
        context.report({ messageId, data, observation: f.o, environment: f.environment, variable: 'GODEBUG', key, severity });
      const isRemoved = removed !== undefined && compareGoVersions(asRelease(version), asRelease(removed)) >= 0;
      if (build) {
        if (!exists) {
          if (retired && fatal) report('retiredAccepted', 'warning');
          else {
            data.why = isRemoved ? `removed in Go ${removed}` : `it exists only in Go ${data.available}`;
            report('rejectedInBuild', 'error');
          }
        } else if (!godebugInTable(key, version) && !godebugInTable(key, latestPatch(version))) report('notInTable', 'error');
        continue;
      }
      if (exists) continue;
      report(isRemoved ? 'removed' : 'notYet', 'warning');
    }
  },
};
