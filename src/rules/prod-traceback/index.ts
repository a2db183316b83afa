// prod-traceback: GOTRACEBACK in production at a valid level that prints no goroutine stacks on
// a crash (`none`, `0`) (go-facts.md §4, runtime/runtime1.go setTraceback). Values Go does not
// recognise — a typo such as `sytem`, or `wer` off Windows — print no stacks either, in every
// environment: gotraceback-invalid reports those, so they are not reported twice here.
import { GOTRACEBACK_DEFAULT, GOTRACEBACK_PRINTS, tracebackLevel } from '../../knowledge/index.js';
import { eachEffective } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'prod-traceback',
    description: 'GOTRACEBACK in production at a level that hides the stack traces of a crash (none, 0).',
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      none: {
        message: 'GOTRACEBACK="{value}" in production: a crash prints {prints}',
        help: 'remove it (the default "{default}" prints {defaultPrints}) or use "all" or "system" to see more',
      },
    },
  },
  check(context) {
    eachEffective(context, 'production', 'GOTRACEBACK', (v) => {
      const level = tracebackLevel(v.text.trim());
      // Unrecognised values are gotraceback-invalid's finding (every environment).
      if (level.printsStacks || !level.valid) return;
      context.report({
        messageId: 'none',
        data: { value: v.text, prints: GOTRACEBACK_PRINTS[level.level === 'numeric' ? 'none' : level.level], default: GOTRACEBACK_DEFAULT, defaultPrints: GOTRACEBACK_PRINTS[GOTRACEBACK_DEFAULT] },
        observation: v.observation,
        environment: 'production',
        variable: 'GOTRACEBACK',
        key: null,
      });
    });
  },
};
