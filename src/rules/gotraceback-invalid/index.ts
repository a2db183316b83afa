// gotraceback-invalid: a GOTRACEBACK value that is not a level. runtime.setTraceback maps any
// string it does not know — a typo such as `sytem`, or `wer` outside Windows — to level 0, so a
// crash prints only the panic message and no stacks at all (go-facts.md §4, observed). Judged in
// every environment; prod-traceback keeps the deliberate `none` in production.
import { GOTRACEBACK_DEFAULT, GOTRACEBACK_LEVEL_NAMES, GOTRACEBACK_PRINTS, tracebackLevel } from '../../knowledge/index.js';
import { eachFact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gotraceback-invalid',
    description: 'A GOTRACEBACK value that is not a level (or wer outside Windows): crashes then print no stacks at all.',
    category: 'validity',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      invalid: {
        message: 'GOTRACEBACK="{value}" is not a level Go recognises, so a crash prints {invalidPrints} (expected {values})',
        help: 'use {levels} (or remove it: the default is {default})',
      },
      werOutsideWindows: {
        message: 'GOTRACEBACK="{value}" is a level only on Windows; elsewhere Go treats it as unrecognised and a crash prints {invalidPrints}',
        help: 'use "crash" outside Windows (it prints {crashPrints})',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GOTRACEBACK')) {
      const value = f.o.value.text.trim();
      const level = tracebackLevel(value);
      if (level.valid) continue;
      context.report({
        messageId: tracebackLevel(value, 'windows').valid ? 'werOutsideWindows' : 'invalid',
        data: {
          value: f.o.value.text,
          values: `${GOTRACEBACK_LEVEL_NAMES.join(', ')} or a number`,
          levels: GOTRACEBACK_LEVEL_NAMES.join(', '),
          default: `"${GOTRACEBACK_DEFAULT}"`,
          invalidPrints: GOTRACEBACK_PRINTS[level.level],
          crashPrints: GOTRACEBACK_PRINTS.crash,
        },
        observation: f.o,
        environment: f.environment,
        variable: 'GOTRACEBACK',
        key: null,
      });
    }
  },
};
