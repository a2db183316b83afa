// gomemlimit-malformed: a GOMEMLIMIT the runtime cannot parse. readGOMEMLIMIT accepts `off` or a
// byte count with a binary-unit suffix (B, KiB, MiB, GiB, TiB); anything else — `512MB`, `1.5GiB`,
// `2G` — makes every Go program started with it die at start-up with "malformed GOMEMLIMIT"
// (go-facts.md §9; runtime/mgcpacer.go). The go command is a Go program too, so a build stage
// with such a value fails.
import { goErrorText, parseMemLimit } from '../../knowledge/index.js';
import { eachFact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gomemlimit-malformed',
    description: 'A GOMEMLIMIT value the runtime cannot parse: the program dies at start-up.',
    category: 'validity',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      malformed: {
        message: 'GOMEMLIMIT="{value}" is malformed ({why}): every Go program started with it dies at start-up with "fatal error: {error}"',
        help: 'write a byte count with a binary unit, such as {example}, or "off"',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GOMEMLIMIT')) {
      const parsed = parseMemLimit(f.o.value.text);
      if (parsed.ok) continue;
      // `512MB` → `512MiB`: the likely intent, offered as an example, never as a fix (the byte counts differ).
      const m = /^(\d+)\s*([KMGT])i?B?$/i.exec(f.o.value.text.trim());
      const example = m ? `"${m[1]}${m[2]!.toUpperCase()}iB"` : '"512MiB"';
      context.report({
        messageId: 'malformed',
        data: { value: f.o.value.text, why: parsed.reason, example, error: goErrorText('gomemlimitMalformed') },
        observation: f.o,
        environment: f.environment,
        variable: 'GOMEMLIMIT',
        key: null,
      });
    }
  },
};
