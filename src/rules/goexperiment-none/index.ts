// goexperiment-none: `GOEXPERIMENT=none` does not mean "back to the defaults": it turns every
// experiment off, including the ones the toolchain enables by default, and later names apply on
// top (go-facts.md §3.1, §10.6; observed on 1.27: nodwarf5,nojsonv2,nogreenteagc,…).
import { experimentsFor } from '../../knowledge/index.js';
import { phasesFor } from '../../resolve/index.js';
import { eachFact, versionOrNewest } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'goexperiment-none',
    description: 'GOEXPERIMENT "none" switches off the experiments a toolchain enables by default.',
    category: 'validity',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      none: {
        message: 'GOEXPERIMENT "none" turns off every experiment, including the ones Go {version} enables by default ({defaults}), not just the ones set elsewhere (Go {version}: {reason})',
        help: 'remove "none" to get the toolchain defaults, or write "no<name>" for each experiment you mean to turn off',
      },
    },
  },
  check(context) {
    const phases = phasesFor('GOEXPERIMENT');
    for (const f of eachFact(context, 'GOEXPERIMENT')) {
      if (f.o.key !== 'none' || !phases.includes(f.o.phase)) continue;
      const inForce = versionOrNewest(context, f);
      // What the platform forces back on (register ABI on amd64, go-facts §3.1) is not among the casualties.
      const defaults = experimentsFor(inForce.version)
        .filter((e) => e.defaultOn && e.fixed !== 'on')
        .map((e) => e.name);
      context.report({
        messageId: 'none',
        data: { version: inForce.version, reason: inForce.reason, defaults: defaults.length > 0 ? defaults.join(', ') : 'none on linux/amd64' },
        observation: f.o,
        environment: f.environment,
        variable: 'GOEXPERIMENT',
        key: 'none',
      });
    }
  },
};
