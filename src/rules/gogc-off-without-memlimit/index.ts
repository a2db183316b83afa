// gogc-off-without-memlimit: GOGC=off turns the garbage collector off; without a GOMEMLIMIT the
// heap grows until the process is killed (runtime/debug.SetGCPercent docs, go-facts.md §9).
import { parseGogc } from '../../knowledge/index.js';
import { eachEffective } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gogc-off-without-memlimit',
    description: 'GOGC=off in production with no GOMEMLIMIT: the heap grows until the process is killed.',
    category: 'production-hazard',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      noLimit: {
        message: 'GOGC="{value}" switches the garbage collector off and production sets no GOMEMLIMIT, so memory is never reclaimed',
        help: 'set GOMEMLIMIT (about 90% of the container memory limit) next to GOGC=off, or remove GOGC=off',
      },
    },
  },
  check(context) {
    eachEffective(context, 'production', 'GOGC', (v, _cell, target) => {
      if (!parseGogc(v.text).off) return;
      const limit = context.resolution.cell(target, 'production', 'GOMEMLIMIT', null);
      if (limit.values.length > 0) return;
      context.report({
        messageId: 'noLimit',
        data: { value: v.text },
        observation: v.observation,
        environment: 'production',
        variable: 'GOGC',
        key: null,
      });
    });
  },
};
