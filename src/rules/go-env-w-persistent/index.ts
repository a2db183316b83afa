// go-env-w-persistent: `go env -w` of GOROOT, GODEBUG or GOTOOLCHAIN in a build script. The
// setting goes into the user's go env file and outlives the script: GODEBUG is refused there
// (every version checked), GOROOT is refused from Go 1.27 and, before that, pins a root that
// breaks the next toolchain; GOTOOLCHAIN changes every later go command of that user
// (go-facts.md §1.1, §5.1, §5.3, §9). Read from facts with origin shell-go-env-w (scripts);
// Dockerfile RUN, workflow run: and Makefile recipes keep their host's origin and are not
// distinguishable yet.
import { GO_ENV_WRITE, GO_ENV_WRITE_OLDEST_CHECKED, goEnvWriteRefusal, goEnvWriteRefused } from '../../knowledge/index.js';
import { eachFact, versionOrNewest, type Fact } from '../facts.js';
import type { Rule } from '../types.js';

const VARIABLES = Object.keys(GO_ENV_WRITE);

export const rule: Rule = {
  meta: {
    id: 'go-env-w-persistent',
    description: 'go env -w of GOROOT, GODEBUG or GOTOOLCHAIN in a script: refused by the go command, or a persistent user-wide setting.',
    category: 'portability',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      refused: {
        message: 'go env -w {name}="{value}" fails with Go {version}: "{refusal}" (refused since Go {since}; Go {version}: {reason})',
        help: 'set {name} in the environment of the command that needs it ({name}=… go build) instead of go env -w',
      },
      persistent: {
        message: 'go env -w {name}="{value}" writes to the user\'s go env file: {effect}',
        help: 'set {name} in the environment of the command that needs it ({name}=… go build), or use go.mod toolchain and godebug lines',
      },
    },
  },
  check(context) {
    // GODEBUG=a=1,b=2 is one word of the command: one finding per word, at its first item.
    const words = new Map<string, Fact[]>();
    for (const f of eachFact(context, (v) => VARIABLES.includes(v), { includeNonLiteral: true })) {
      if (f.o.origin !== 'shell-go-env-w') continue;
      const word = `${f.o.span.path}\u0000${f.o.span.start?.line ?? ''}\u0000${f.o.variable}`;
      words.set(word, [...(words.get(word) ?? []), f]);
    }
    for (const items of words.values()) {
      const f = items[0]!;
      const name = f.o.variable;
      const fact = GO_ENV_WRITE[name]!;
      // Non-literal values keep their shell quotes; the message quotes the value itself.
      const value = items
        .map((i) => (i.o.key === null ? i.o.value.text : `${i.o.key}=${i.o.value.text}`))
        .join(',')
        .replace(/^"(.*)"$/, '$1');
      const inForce = versionOrNewest(context, f);
      const refused = goEnvWriteRefused(name, inForce.version);
      context.report({
        messageId: refused ? 'refused' : 'persistent',
        data: {
          name,
          value,
          version: inForce.version,
          reason: inForce.reason,
          refusal: goEnvWriteRefusal(name, inForce.version) ?? '',
          since: fact.refusedSince ?? '',
          effect: fact.persistentEffect,
        },
        observation: f.o,
        environment: f.environment,
        variable: name,
        key: f.o.key,
        // An error when the version in force is known to refuse it, or when every version checked
        // does (GODEBUG: go-facts §1.1 observed 1.19 onwards); assumed versions only warn.
        severity: refused && (!inForce.assumed || goEnvWriteRefused(name, GO_ENV_WRITE_OLDEST_CHECKED)) ? 'error' : 'warning',
      });
    }
  },
};
