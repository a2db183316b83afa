// gomaxprocs-ignored-value: a GOMAXPROCS value the scheduler ignores. schedinit only honours a
// positive integer; 0, negative numbers and text silently fall back to the default (CPU count,
// and from Go 1.25 the cgroup CPU limit) (go-facts.md §9).
import { parseGomaxprocs, VARIABLE_FACTS } from '../../knowledge/index.js';
import { eachFact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gomaxprocs-ignored-value',
    description: 'A GOMAXPROCS value Go silently ignores (not a positive integer).',
    category: 'validity',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      ignored: {
        message: 'GOMAXPROCS="{value}" is not a positive integer, so Go silently ignores it and uses its default ({default})',
        help: 'write a positive integer, or remove GOMAXPROCS to let Go size it',
      },
    },
  },
  check(context) {
    const defaultText = VARIABLE_FACTS.GOMAXPROCS?.defaultText ?? '';
    for (const f of eachFact(context, 'GOMAXPROCS')) {
      if (parseGomaxprocs(f.o.value.text).ok) continue;
      context.report({
        messageId: 'ignored',
        data: { value: f.o.value.text, default: defaultText.split(';')[0] ?? defaultText },
        observation: f.o,
        environment: f.environment,
        variable: 'GOMAXPROCS',
        key: null,
      });
    }
  },
};
