// godebug-default-value: a GODEBUG setting written to the value Go already uses. The default
// comes from the toolchain and the main module's go line (go-facts.md §2.3); a value that equals
// both the go line's default and the toolchain's own default pins nothing and changes nothing.
// Values that equal only the go line's default are kept: they pin behaviour against a go line
// bump (`go get` raises it), which is deliberate.
import { godebugDefault, godebugExistsIn, godebugValueValid } from '../../knowledge/index.js';
import { eachFact, goLineOf, isBuildDirective, versionFor, type Fact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'godebug-default-value',
    description: 'A GODEBUG setting that restates the default and does nothing.',
    category: 'validity',
    defaultSeverity: 'note',
    fixable: false,
    messages: {
      redundant: {
        message: 'GODEBUG "{item}" does nothing: "{value}" is already the default of "{key}" for Go {version}{goLine} (Go {version}: {reason})',
        help: 'remove "{key}" so the setting only appears where it changes something',
      },
    },
  },
  check(context) {
    const facts = eachFact(context, 'GODEBUG');
    const directiveKeys = new Map<string, Fact[]>();
    for (const f of facts) {
      if (!isBuildDirective(f.o)) continue;
      const k = `${f.target}\u0000${f.o.key}`;
      directiveKeys.set(k, [...(directiveKeys.get(k) ?? []), f]);
    }
    for (const f of facts) {
      const key = f.o.key;
      const value = f.o.value.text;
      if (key === null || key === 'default' || value.includes('#') || !godebugValueValid(key, value)) continue;
      // Something compiled into the binary sets this key too: the environment value is then not the default.
      const built = directiveKeys.get(`${f.target}\u0000${key}`) ?? [];
      if (!isBuildDirective(f.o) && built.length > 0) continue;
      if (f.o.origin === 'gomod-godebug' && built.some((b) => b.o.origin === 'go-debug-directive')) continue;
      const inForce = versionFor(context, f);
      const version = inForce.version;
      if (!version || !godebugExistsIn(key, version, { latestPatch: true })) continue;
      const goLine = goLineOf(context, f.target);
      const lineDefault = godebugDefault(key, version, goLine?.value.text);
      const toolchainDefault = godebugDefault(key, version);
      if (lineDefault === undefined || value !== lineDefault || value !== toolchainDefault) continue;
      context.report({
        messageId: 'redundant',
        data: {
          item: `${key}=${value}`,
          key,
          value,
          version,
          goLine: goLine ? ` and go line ${goLine.value.text}` : '',
          reason: inForce.reason,
        },
        observation: f.o,
        environment: f.environment,
        variable: 'GODEBUG',
        key,
      });
    }
  },
};
