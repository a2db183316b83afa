// binary-interpreter-missing: a dynamically linked Go binary (cgo on, ELF PT_INTERP) in an image
// whose file system lacks that loader — distroless/static, scratch, Alpine (musl) for a glibc
// binary. The kernel cannot start it: `exec /app: no such file or directory`, although /app exists.
import { BINARY_FACTS } from '../../artifacts/index.js';
import { eachFact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'binary-interpreter-missing',
    description: 'A dynamically linked Go binary in an image that lacks its ELF interpreter: it cannot start.',
    category: 'production-hazard',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      missing: {
        message: 'binary "{binary}" needs the loader "{interpreter}" (cgo, dynamically linked), which the image does not have: it fails at start with "exec {binary}: no such file or directory"',
        help: 'build it with CGO_ENABLED=0 (or -ldflags=-extldflags=-static), or base the image on one that has {interpreter} (glibc for a glibc build)',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, BINARY_FACTS.interpreterMissing)) {
      const binary = f.o.scope.find((s) => s.kind === 'binary')?.name ?? f.o.span.path;
      context.report({ messageId: 'missing', data: { binary, interpreter: f.o.value.text }, observation: f.o, environment: f.environment, variable: 'CGO_ENABLED', key: null });
    }
  },
};
