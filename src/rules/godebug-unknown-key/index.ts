// godebug-unknown-key: a GODEBUG key no Go release knows. The runtime and internal/godebug
// ignore unknown keys silently, so a typo (`gcstop` for `gcstoptheworld`, a stray quote as in
// `'madvdontneed`) does nothing; in go.mod `godebug` lines and `//go:debug` the go command
// rejects it and the build fails (go-facts.md §1.1, §2.3, §8c).
import { godebugSetting, internalGodebugRead, suggestGodebugKey } from '../../knowledge/index.js';
import { eachFact, isBuildDirective } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'godebug-unknown-key',
    description: 'A GODEBUG key that no Go release knows: ignored at run time, a build error in go.mod or //go:debug.',
    category: 'validity',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      unknown: {
        message: 'GODEBUG key "{key}" is unknown to every Go release, so Go silently ignores "{item}"{suggestion}',
        help: 'fix the key name{helpSuggestion} or remove it',
      },
      internalInBuild: {
        message: 'GODEBUG key "{key}" is an undocumented internal of {packages} (read by the source of {toolchains}), not a setting of the internal/godebugs table: the go command rejects "{item}" here and the build fails',
        help: 'set it in the environment of the go command or program instead, or remove the line',
      },
      unknownInBuild: {
        message: 'GODEBUG key "{key}" is unknown to every Go release: the go command rejects "{item}" here and the build fails{suggestion}',
        help: 'fix the key name{helpSuggestion} or remove the line',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GODEBUG')) {
      const key = f.o.key;
      if (key === null || godebugSetting(key)) continue;
      // `default=go1.X` is a go.mod/`//go:debug` directive, not a setting.
      const build = isBuildDirective(f.o);
      if (build && key === 'default') continue;
      // Undocumented internals (`#gofsystrace`, `lazymod`, …) work from the environment; only
      // go.mod and //go:debug, which accept table settings only, reject them.
      const internal = internalGodebugRead(key);
      if (internal) {
        if (build) {
          context.report({
            messageId: 'internalInBuild',
            data: { key, item: `${key}=${f.o.value.text}`, packages: internal.packages.join(', '), toolchains: internal.toolchainsText },
            observation: f.o,
            environment: f.environment,
            variable: 'GODEBUG',
            key,
            severity: 'error',
          });
        }
        continue;
      }
      // A key with stray quotes (`'madvdontneed`) means the key without them.
      const unquoted = key.replace(/^['"`]+|['"`]+$/g, '');
      const suggested = unquoted !== key && godebugSetting(unquoted) ? unquoted : suggestGodebugKey(unquoted);
      context.report({
        messageId: build ? 'unknownInBuild' : 'unknown',
        data: {
          key,
          item: `${key}=${f.o.value.text}`,
          suggestion: suggested ? `; did you mean "${suggested}"?` : '',
          helpSuggestion: suggested ? ` (to "${suggested}")` : '',
        },
        observation: f.o,
        environment: f.environment,
        variable: 'GODEBUG',
        key,
        severity: build ? 'error' : 'warning',
      });
    }
  },
};
