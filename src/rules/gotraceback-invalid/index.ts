// gotraceback-invalid: a GOTRACEBACK value that is not a level. runtime.setTraceback maps any
// string it does not know — a typo such as `sytem`, or `wer` outside Windows — to level 0, so a
// crash prints only the panic message and no stacks at all (go-facts.md §4, observed). Judged in
// every environment; prod-traceback keeps the deliberate `none` in production.
import { compareGoVersions, GOTRACEBACK_DEFAULT, GOTRACEBACK_LEVEL_NAMES, GOTRACEBACK_PRINTS, tracebackLevel, tracebackLevelSince } from '../../knowledge/index.js';
import { eachFact, versionOrNewest } from '../facts.js';
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
      notYet: {
        message: 'GOTRACEBACK="{value}" is not a level in Go {version} (it came with Go {since}), so a crash prints {invalidPrints} (Go {version}: {reason})',
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
      const inForce = versionOrNewest(context, f);
      const level = tracebackLevel(value, 'linux', inForce.version);
      if (level.valid) continue;
      const since = tracebackLevelSince(value);
      context.report({
        // `wer` is a Windows level from Go 1.21 on; before, it is no level anywhere.
        messageId: tracebackLevel(value, 'windows', inForce.version).valid
          ? 'werOutsideWindows'
          : since !== undefined && compareGoVersions(inForce.version, since) < 0
            ? 'notYet'
            : 'invalid',
        data: {
          value: f.o.value.text,
          version: inForce.version,
          reason: inForce.reason,
          since: since ?? '',
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
