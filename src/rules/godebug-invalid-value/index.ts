// godebug-invalid-value: a known GODEBUG key set to a value outside its domain (0/1, an integer
// range, an enumeration such as netdns's go|cgo[+N]). Go reads such a value as the default, as
// zero, or not at all: never as what was meant (go-facts.md §1.2, §1.5; domains in the
// knowledge base). A `#pattern` suffix is stripped first (godebug-pattern-suffix judges it).
import { describeGodebugDomain, godebugSetting, godebugValueOnly, godebugValueValid, retiredGodebug } from '../../knowledge/index.js';
import { eachFact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'godebug-invalid-value',
    description: 'A GODEBUG key set to a value outside its domain, which Go does not read as meant.',
    category: 'validity',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      noEquals: {
        message: 'GODEBUG field "{key}" has no "=value", so Go skips it and "{key}" keeps its default',
        help: 'write "{key}=<value>" ({expected}), or remove it',
      },
      invalid: {
        message: 'GODEBUG "{item}": "{value}" is not a value "{key}" accepts (expected {expected}), so Go does not apply what was meant',
        help: 'set "{key}" to {expected}{defaultHint}',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GODEBUG')) {
      const key = f.o.key;
      if (key === null) continue;
      const s = godebugSetting(key);
      if (!s) continue;
      const base = { observation: f.o, environment: f.environment, variable: 'GODEBUG', key };
      if (f.o.value.noEquals) {
        context.report({ ...base, messageId: 'noEquals', data: { key, expected: describeGodebugDomain(s.domain) } });
        continue;
      }
      if (godebugValueValid(key, f.o.value.text)) continue;
      const value = godebugValueOnly(f.o.value.text);
      // A retired setting's old values are judged by godebug-retired-value even when outside the domain.
      if (retiredGodebug(key)?.oldValues.includes(value)) continue;
      const expected = describeGodebugDomain(s.domain);
      context.report({
        messageId: 'invalid',
        data: {
          item: `${key}=${f.o.value.text}`,
          key,
          value,
          expected,
          defaultHint: s.defaultValue !== undefined ? `, or remove it to keep the default "${s.defaultValue}"` : ', or remove it',
        },
        observation: f.o,
        environment: f.environment,
        variable: 'GODEBUG',
        key,
      });
    }
  },
};
