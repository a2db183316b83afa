// godebug-pattern-suffix: a GODEBUG value with a `#pattern` suffix. The suffix restricts the
// setting to call stacks matching the pattern; it exists for golang.org/x/tools/cmd/bisect
// (go-facts.md §1.1). Left in configuration it makes the setting apply only sometimes.
import { godebugValueOnly } from '../../knowledge/index.js';
import { eachFact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'godebug-pattern-suffix',
    description: 'A GODEBUG value with a #pattern suffix, which is meant for bisect sessions only.',
    category: 'validity',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      pattern: {
        message: 'GODEBUG "{item}" carries the bisect pattern "{pattern}": "{key}={value}" then applies only to call stacks matching it, not to the whole program',
        help: 'write "{key}={value}" without "{pattern}" (patterns belong in bisect sessions, not configuration)',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GODEBUG')) {
      const key = f.o.key;
      const text = f.o.value.text;
      const i = text.indexOf('#');
      if (key === null || i < 0) continue;
      context.report({
        messageId: 'pattern',
        data: { item: `${key}=${text}`, key, value: godebugValueOnly(text), pattern: text.slice(i) },
        observation: f.o,
        environment: f.environment,
        variable: 'GODEBUG',
        key,
      });
    }
  },
};
