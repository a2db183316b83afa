// binary-godebug-override: the environment a binary runs in (the image's config Env, a Dockerfile
// ENV, a Kubernetes container) sets a GODEBUG key that the binary's DefaultGODEBUG already sets to
// another value. GODEBUG wins at run time, so the compiled-in choice (go.mod `godebug`,
// `//go:debug`, the go line) is silently undone in that environment. Retired keys at old values,
// which crash Go ≥ 1.27 binaries at start, are reported by godebug-retired-value.
import type { Observation } from '../../core/types.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'binary-godebug-override',
    description: "The environment's GODEBUG overrides a key of the binary's compiled-in DefaultGODEBUG.",
    category: 'drift',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      override: {
        message: 'GODEBUG "{key}={value}" in {environment} overrides "{key}={builtIn}" compiled into binary "{binary}" (its DefaultGODEBUG)',
        help: 'set {key} in one place: drop it from the environment, or change the go.mod godebug line the binary is built from',
      },
    },
  },
  check(context) {
    const { resolution } = context;
    for (const target of resolution.targets) {
      for (const env of resolution.environments) {
        const all = resolution.observationsIn(target, env);
        const builtIn = all.filter((o) => o.origin === 'binary-buildinfo' && o.variable === 'GODEBUG' && o.key !== null);
        if (builtIn.length === 0) continue;
        const setters = all.filter((o) => o.variable === 'GODEBUG' && o.key !== null && o.origin !== 'binary-buildinfo' && o.value.literal && o.phase !== 'build' && !o.environment?.programWide);
        const seen = new Set<Observation>();
        for (const b of builtIn) {
          const image = b.scope.find((s) => s.kind === 'image')?.name;
          for (const s of setters) {
            if (s.key !== b.key || s.value.text === b.value.text || seen.has(s)) continue;
            // An image's own Env applies to its binaries only; other sources apply to the environment.
            if (s.origin === 'image-config-env' && s.scope.find((x) => x.kind === 'image')?.name !== image) continue;
            seen.add(s);
            context.report({
              messageId: 'override',
              data: { key: s.key!, value: s.value.text, builtIn: b.value.text, environment: env, binary: b.scope.find((x) => x.kind === 'binary')?.name ?? b.span.path },
              observation: s,
              environment: env,
              variable: 'GODEBUG',
              key: s.key,
              related: [{ span: b.span, environment: env, message: `DefaultGODEBUG ${b.key}=${b.value.text}` }],
            });
          }
        }
      }
    }
  },
};
