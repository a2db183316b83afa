// gogc-ignored-value: a GOGC value the runtime does not parse. readGOGC takes `off` or an
// integer; anything else (`fast`, `100%`, `1.5`) silently means the default (go-facts.md §9).
import { parseGogc } from '../../knowledge/index.js';
import { eachFact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gogc-ignored-value',
    description: 'A GOGC value Go silently ignores (the default applies).',
    category: 'validity',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      ignored: {
        message: 'GOGC="{value}" is not "off" or an integer, so Go silently ignores it and uses GOGC={percent}',
        help: 'write an integer percentage (such as 200) or "off"',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GOGC')) {
      const parsed = parseGogc(f.o.value.text);
      if (parsed.ok) continue;
      context.report({
        messageId: 'ignored',
        data: { value: f.o.value.text, percent: parsed.percent ?? '' },
        observation: f.o,
        environment: f.environment,
        variable: 'GOGC',
        key: null,
      });
    }
  },
};
