// goflags-invalid: a GOFLAGS word that breaks every go command. InitGOFLAGS
// (cmd/go/internal/base/goflags.go) exits on a word that does not look like a flag and on a flag
// no go command has; only flags a given subcommand lacks are ignored (go-facts.md §9).
import { goflagsProblems } from '../../knowledge/index.js';
import { eachFact, versionOrNewest } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'goflags-invalid',
    description: 'A GOFLAGS word that is not a flag, or a flag no go command has: every go command fails.',
    category: 'validity',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      nonFlag: {
        message: 'GOFLAGS="{value}": "{word}" is not a flag, so every go command (except go env) stops with: {goError}',
        help: 'write each word as -flag or -flag=value (for example "-{word}")',
      },
      unknownFlag: {
        message: 'GOFLAGS="{value}": no go command of Go {version} has the flag "{word}", so every go command (except go env) stops with: {goError} (Go {version}: {reason})',
        help: 'remove "{word}" or fix its name (go help build lists the build flags)',
      },
      unterminated: {
        message: 'GOFLAGS="{value}" has an unclosed quote, so every go command (except go env) stops with: {goError}',
        help: 'close the quote, or quote the whole word: "-ldflags=-s -w"',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GOFLAGS')) {
      const inForce = versionOrNewest(context, f);
      for (const p of goflagsProblems(f.o.value.text, inForce.version)) {
        context.report({
          messageId: p.kind,
          data: { value: f.o.value.text, word: p.word, goError: p.goError, version: inForce.version, reason: inForce.reason },
          observation: f.o,
          environment: f.environment,
          variable: 'GOFLAGS',
          key: null,
          fingerprintExtra: p.word,
        });
      }
    }
  },
};
