// binary-build-drift: the binary tested and the binary shipped are different builds of the same
// program (same main package path): Go version, GOEXPERIMENT, CGO_ENABLED, -tags or a
// DefaultGODEBUG key differ. Tests then vouch for a program that does not ship. `godrift diff A B`
// shows every difference of two given builds.
import type { Observation } from '../../core/types.js';
import { BINARY_FACTS } from '../../artifacts/index.js';
import type { Rule } from '../types.js';

const COMPARED = new Set(['@build-toolchain', 'GOEXPERIMENT', 'CGO_ENABLED', BINARY_FACTS.tags, 'GODEBUG']);

function label(o: Observation): string {
  if (o.variable === '@build-toolchain') return 'Go version';
  if (o.variable === BINARY_FACTS.tags) return '-tags';
  return o.key === null ? o.variable : `${o.variable} ${o.key}`;
}

export const rule: Rule = {
  meta: {
    id: 'binary-build-drift',
    description: 'The test build and the production build of a program differ in Go version, GOEXPERIMENT, CGO_ENABLED, tags or DefaultGODEBUG.',
    category: 'drift',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      differs: {
        message: '{setting} of "{program}" is "{production}" in the production build but "{test}" in the test build "{testBinary}"',
        help: 'build the tested binary with the same toolchain, flags and go.mod as the release (compare them with `godrift diff`)',
      },
    },
  },
  check(context) {
    const { resolution } = context;
    for (const target of resolution.targets) {
      const facts = (env: 'test' | 'production') => {
        const byProgram = new Map<string, Map<string, Observation>>();
        const programOf = new Map<string, string>();
        const binaryId = (o: Observation) => o.scope.map((x) => `${x.kind}:${x.name}`).join('/');
        const list = resolution.observationsIn(target, env).filter((o) => o.origin === 'binary-buildinfo');
        for (const o of list) if (o.variable === BINARY_FACTS.mainPath) programOf.set(binaryId(o), o.value.text);
        for (const o of list) {
          if (!COMPARED.has(o.variable)) continue;
          const program = programOf.get(binaryId(o));
          if (program === undefined) continue;
          const m = byProgram.get(program) ?? new Map<string, Observation>();
          m.set(`${o.variable}\u0000${o.key ?? ''}`, o);
          byProgram.set(program, m);
        }
        return byProgram;
      };
      const prod = facts('production');
      const test = facts('test');
      for (const [program, p] of prod) {
        const t = test.get(program);
        if (!t) continue;
        const testBinary = [...t.values()][0]!.span.path;
        for (const k of [...new Set([...p.keys(), ...t.keys()])].sort()) {
          const a = p.get(k);
          const b = t.get(k);
          if (a && b && a.value.text === b.value.text) continue;
          const o = a ?? [...p.values()][0]!;
          const ref = a ?? b!;
          context.report({
            messageId: 'differs',
            data: { setting: label(ref), program, production: a?.value.text ?? '(unset)', test: b?.value.text ?? '(unset)', testBinary },
            observation: o,
            environment: 'production',
            variable: ref.variable,
            key: ref.key,
            fingerprintExtra: k,
            ...(b ? { related: [{ span: b.span, environment: 'test' as const, message: `test build: ${b.value.text}` }] } : {}),
          });
        }
      }
    }
  },
};
