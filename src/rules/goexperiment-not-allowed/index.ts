// goexperiment-not-allowed: an experiment switched on for a production build without being on
// the policy's allow-list (policy.allowedExperiments in godrift.yaml, default empty).
// Experiments are unsupported, change between releases and can be retired (go-facts.md §3).
// Names the toolchain enables by default anyway are not a deviation and are not reported.
import { experimentsFor } from '../../knowledge/index.js';
import { phasesFor } from '../../resolve/index.js';
import { eachFact, versionFor } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'goexperiment-not-allowed',
    description: 'A GOEXPERIMENT in a production build that policy.allowedExperiments does not allow.',
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      notAllowed: {
        message: 'GOEXPERIMENT "{name}" is compiled into a production build but is not in policy.allowedExperiments{allowed}',
        help: 'remove "{name}" from the production build, or add it to policy.allowedExperiments in godrift.yaml if it is deliberate',
      },
    },
  },
  check(context) {
    const allowed = context.config.policy.allowedExperiments;
    const phases = phasesFor('GOEXPERIMENT');
    for (const f of eachFact(context, 'GOEXPERIMENT')) {
      const key = f.o.key;
      if (f.environment !== 'production' || key === null || key === 'none' || f.o.value.text !== 'on') continue;
      if (!phases.includes(f.o.phase) && f.o.origin !== 'binary-buildinfo') continue;
      if (allowed.includes(key)) continue;
      const version = versionFor(context, f).version;
      if (version && experimentsFor(version).some((e) => e.name === key && e.defaultOn)) continue;
      context.report({
        messageId: 'notAllowed',
        data: { name: key, allowed: allowed.length > 0 ? ` (${allowed.map((a) => `"${a}"`).join(', ')})` : ', which is empty' },
        observation: f.o,
        environment: 'production',
        variable: 'GOEXPERIMENT',
        key,
      });
    }
  },
};
