// prod-traceback: GOTRACEBACK in production that prints no goroutine stacks on a crash.
// `none`/`0` hide them on purpose; any value Go does not recognise — a typo such as `sytem`, or
// `wer` off Windows — silently does the same (go-facts.md §4, runtime/runtime1.go setTraceback).
import { tracebackLevel } from '../../knowledge/index.js';
import { eachEffective } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'prod-traceback',
    description: 'GOTRACEBACK in production hides the stack traces of a crash.',
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      none: {
        message: 'GOTRACEBACK="{value}" in production: a crash prints only the panic message, no goroutine stacks',
        help: 'remove it (the default "single" prints the failing goroutine) or use "all" or "system" to see more',
      },
      unrecognised: {
        message: 'GOTRACEBACK="{value}" is not a level Go recognises{where}, so a crash prints no stacks at all',
        help: 'use one of none, single, all, system, crash (or a number); unset means "single"',
      },
    },
  },
  check(context) {
    eachEffective(context, 'production', 'GOTRACEBACK', (v) => {
      const level = tracebackLevel(v.text.trim());
      if (level.printsStacks) return;
      const unrecognised = !level.valid;
      context.report({
        messageId: unrecognised ? 'unrecognised' : 'none',
        data: { value: v.text, where: v.text.trim() === 'wer' ? ' outside Windows' : '' },
        observation: v.observation,
        environment: 'production',
        variable: 'GOTRACEBACK',
        key: null,
        severity: unrecognised ? 'error' : 'warning',
      });
    });
  },
};
