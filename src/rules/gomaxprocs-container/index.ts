// gomaxprocs-container: GOMAXPROCS against the container's CPU limit and the Go version.
// - above the CPU limit: more runnable threads than the quota allows, so the container is
//   throttled;
// - set explicitly on Go ≥ 1.25: the runtime already sizes GOMAXPROCS from the cgroup CPU
//   limit and keeps it up to date (containermaxprocs, updatemaxprocs); an explicit value turns
//   both off (go-facts.md §1.2, §7, §9);
// - resourceFieldRef on limits.cpu rounds fractional limits up to whole cores.
import { compareGoVersions, GOMAXPROCS_CGROUP_AWARE_SINCE as SINCE, parseGomaxprocs, parseKubernetesQuantity } from '../../knowledge/index.js';
import { CONTEXT_VARIABLES } from '../../core/types.js';
import { unitFacts } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gomaxprocs-container',
    description: `GOMAXPROCS exceeds the container CPU limit, or overrides Go ${SINCE}+'s own cgroup-aware setting.`,
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      aboveLimit: {
        message: 'GOMAXPROCS="{value}" is above the container CPU limit "{limit}", so the process is throttled by its CPU quota',
        help: `set GOMAXPROCS to at most {cores}, or leave it unset on Go ${SINCE}+`,
      },
      overridesRuntime: {
        message: 'GOMAXPROCS is set explicitly on Go {version}, which turns off the runtime\'s own sizing from the container CPU limit and its updates (Go {version}: {reason})',
        help: `remove GOMAXPROCS and let Go {version} follow the CPU limit (go.mod \`go\` ≥ ${SINCE} keeps containermaxprocs and updatemaxprocs on)`,
      },
      roundedRef: {
        message: 'GOMAXPROCS comes from resourceFieldRef limits.cpu, which rounds the limit "{limit}" up to whole cores',
        help: `on Go ${SINCE}+ remove it (the runtime reads the exact limit); on older Go set a literal or use automaxprocs`,
      },
    },
  },
  check(context) {
    const { resolution } = context;
    for (const target of resolution.targets) {
      const inForce = context.goVersion(target, 'production');
      const version = inForce.version;
      const modern = version !== undefined && compareGoVersions(version, SINCE) >= 0;
      const cell = resolution.cell(target, 'production', 'GOMAXPROCS', null);
      for (const v of cell.values) {
        const o = v.observation;
        // Calls in the program's code are deliberate and may be conditional: this rule judges configuration.
        if (o.origin === 'go-runtime-call') continue;
        const base = { observation: o, environment: 'production' as const, variable: 'GOMAXPROCS', key: null };
        const limits = unitFacts(context, o, CONTEXT_VARIABLES.limitsCpu).filter((l) => l.value.literal);
        const ref = o.value.ref;
        if (ref?.kind === 'resourceField' && ref.resource === 'limits.cpu') {
          const cpu = limits[0] ? parseKubernetesQuantity(limits[0].value.text) : undefined;
          if (modern) context.report({ ...base, messageId: 'overridesRuntime', data: { version: version!, reason: inForce.reason } });
          else if (cpu !== undefined && !Number.isInteger(cpu)) {
            context.report({ ...base, messageId: 'roundedRef', data: { limit: limits[0]!.value.text }, severity: 'note' });
          }
          continue;
        }
        if (!v.literal) continue;
        const procs = parseGomaxprocs(v.text.trim());
        if (!procs.ok || procs.procs === undefined) continue;
        let reported = false;
        for (const l of limits) {
          const cpu = parseKubernetesQuantity(l.value.text);
          if (cpu === undefined || procs.procs <= Math.ceil(cpu)) continue;
          reported = true;
          context.report({
            ...base,
            messageId: 'aboveLimit',
            data: { value: v.text, limit: l.value.text, cores: Math.max(1, Math.ceil(cpu)) },
            related: [{ span: l.span, environment: 'production', message: `CPU limit "${l.value.text}" here` }],
          });
        }
        if (!reported && modern) {
          context.report({ ...base, messageId: 'overridesRuntime', data: { version: version!, reason: inForce.reason }, severity: 'note' });
        }
      }
    }
  },
};
