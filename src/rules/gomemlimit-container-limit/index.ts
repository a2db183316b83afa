// gomemlimit-container-limit: GOMEMLIMIT against the memory limit of the container it runs in.
// - at or above the limit: the kernel kills the process before the Go runtime tries hard to
//   collect (the soft limit never binds);
// - from the downward API (resourceFieldRef limits.memory): exactly 100 % of the limit, no
//   headroom for non-heap memory;
// - no memory limit at all: resourceFieldRef falls back to the node's allocatable memory;
// - resourceFieldRef with a divisor (1Mi, 1Gi): the value is the limit divided by the divisor,
//   rounded up (Kubernetes downward API), and a bare number is bytes to Go (go-facts.md §9,
//   GOMEMLIMIT), so "512" from a 512Mi limit is a 512-byte heap limit: the GC runs all the time.
// (go-facts.md §9; Kubernetes downward API docs; peers.md.)
import { parseKubernetesQuantity, parseMemLimit } from '../../knowledge/index.js';
import { CONTEXT_VARIABLES } from '../../core/types.js';
import { unitFacts, unitOf } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gomemlimit-container-limit',
    description: 'GOMEMLIMIT is at or above the container memory limit, or there is no limit to size it against.',
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      aboveLimit: {
        message: 'GOMEMLIMIT="{value}" is at or above the container memory limit "{limit}", so the container is killed before the Go runtime collects harder',
        help: 'set GOMEMLIMIT to about 90% of the memory limit ("{suggested}" here) to leave room for non-heap memory',
      },
      fullLimit: {
        message: 'GOMEMLIMIT comes from resourceFieldRef limits.memory: 100% of the container limit, with no headroom for stacks, cgo and the runtime',
        help: 'use a literal about 90% of the limit, or a library such as automemlimit that applies a ratio',
      },
      noLimitRef: {
        message: 'GOMEMLIMIT comes from resourceFieldRef limits.memory but the container sets no memory limit, so it becomes the node\'s allocatable memory',
        help: 'set resources.limits.memory on this container',
      },
      divisorUnits: {
        message: 'GOMEMLIMIT comes from resourceFieldRef limits.memory with divisor "{divisor}": the value is a count of {divisor} units, which Go reads as bytes, so the heap limit is {example} and the garbage collector runs constantly',
        help: 'drop the divisor (GOMEMLIMIT then gets the limit in bytes), or better set a literal about 90% of the limit',
      },
      noLimit: {
        message: 'GOMEMLIMIT="{value}" is set but the container has no memory limit to keep it below',
        help: 'set resources.limits.memory about 10% above GOMEMLIMIT',
      },
    },
  },
  check(context) {
    const { resolution } = context;
    for (const target of resolution.targets) {
      const cell = resolution.cell(target, 'production', 'GOMEMLIMIT', null);
      for (const v of cell.values) {
        const o = v.observation;
        // Calls in the program's code are deliberate and may be conditional: this rule judges configuration.
        if (o.origin === 'go-runtime-call') continue;
        if (unitOf(o) === undefined) continue; // no container to compare with (Dockerfile ENV, scripts)
        const allLimits = unitFacts(context, o, CONTEXT_VARIABLES.limitsMemory);
        const limits = allLimits.filter((l) => l.value.literal);
        // A limit a template writes from values (`{{ toYaml .Values.resources }}`) may or may not
        // exist: nothing to compare with, and no ground to say there is none.
        const limitUnknown = limits.length === 0 && allLimits.length > 0;
        const base = { observation: o, environment: 'production' as const, variable: 'GOMEMLIMIT', key: null };
        const ref = o.value.ref;
        if (ref?.kind === 'resourceField' && ref.resource === 'limits.memory') {
          const divisor = ref.divisor === undefined ? undefined : parseKubernetesQuantity(ref.divisor);
          if (divisor !== undefined && divisor > 1) {
            const limit = limits.map((l) => parseKubernetesQuantity(l.value.text)).find((b) => b !== undefined);
            const example = limit === undefined ? 'a few bytes' : `${Math.ceil(limit / divisor)} bytes`;
            context.report({ ...base, messageId: 'divisorUnits', data: { divisor: ref.divisor!, example }, severity: 'error' });
            continue;
          }
          if (limitUnknown) continue;
          context.report({ ...base, messageId: limits.length > 0 ? 'fullLimit' : 'noLimitRef', data: {} });
          continue;
        }
        if (!v.literal) continue;
        const parsed = parseMemLimit(v.text.trim());
        if (!parsed.ok || parsed.bytes === null) continue;
        if (limitUnknown) continue;
        if (limits.length === 0) {
          context.report({ ...base, messageId: 'noLimit', data: { value: v.text }, severity: 'note' });
          continue;
        }
        for (const l of limits) {
          const bytes = parseKubernetesQuantity(l.value.text);
          if (bytes === undefined || parsed.bytes < bytes) continue;
          context.report({
            ...base,
            messageId: 'aboveLimit',
            data: { value: v.text, limit: l.value.text, suggested: `${Math.floor((bytes * 0.9) / 1048576)}MiB` },
            related: [{ span: l.span, environment: 'production', message: `memory limit "${l.value.text}" here` }],
            severity: 'error',
          });
        }
      }
    }
  },
};
