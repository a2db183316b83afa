// binary-debug-build: a production binary built with the race detector, ASan, MSan, coverage or
// with optimisations off (-gcflags -N -l). Its build info says so: `build -race=true`,
// `build -gcflags="all=-N -l"`. Race builds use 5–10× the memory and 2–20× the CPU and stop the
// process on the first race (GORACE halt_on_error); -N -l disables inlining and optimisation.
import { BINARY_FACTS } from '../../artifacts/index.js';
import { eachFact } from '../facts.js';
import type { Rule } from '../types.js';

const WHAT: Record<string, string> = {
  '-race': 'the race detector (5–10× memory, 2–20× CPU)',
  '-asan': 'AddressSanitizer',
  '-msan': 'MemorySanitizer',
  '-cover': 'coverage instrumentation',
  '-gcflags': 'optimisations or inlining turned off',
};

export const rule: Rule = {
  meta: {
    id: 'binary-debug-build',
    description: 'A production binary built with -race, -asan, -msan, -cover or -gcflags -N/-l.',
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      debugBuild: {
        message: 'binary "{binary}" in {environment} was built with "{flag}": {what}',
        help: 'build release binaries without {key}; keep it for test builds',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, BINARY_FACTS.flags)) {
      if (f.environment !== 'production' && f.environment !== 'staging') continue;
      const key = f.o.key ?? f.o.value.text;
      const binary = f.o.scope.find((s) => s.kind === 'binary')?.name ?? f.o.span.path;
      context.report({ messageId: 'debugBuild', data: { binary, environment: f.environment, flag: f.o.value.text, what: WHAT[key] ?? key, key }, observation: f.o, environment: f.environment, variable: 'GOFLAGS', key });
    }
  },
};
