// build-env-inherited: an ENV written in a build stage reaches the runtime image because the
// final stage is built `FROM` that stage. Build stages set variables for `go build` and
// `go test`; the running program then inherits them, usually by accident.
import { phasesFor } from '../../resolve/index.js';
import { stageKey, toolchainStages } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'build-env-inherited',
    description: 'An ENV of a Dockerfile build stage is inherited by the runtime image.',
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      inherited: {
        message: '{assignment} is set in build stage "{stage}" and inherited by the runtime image, so the running program gets it too',
        help: 'set it only for the build command (`RUN {variable}=… go build`), or start the runtime stage from a clean base image and COPY the binary',
      },
    },
  },
  check(context) {
    const { resolution } = context;
    // GOROOT inherited into a final image that holds the Go toolchain points at that toolchain: fine.
    const toolchains = toolchainStages(context);
    for (const target of resolution.targets) {
      for (const { variable, key } of resolution.settings) {
        // Only variables the running program reads: an inherited CGO_ENABLED changes nothing.
        if (!phasesFor(variable).includes('run')) continue;
        const cell = resolution.cell(target, 'production', variable, key);
        for (const v of cell.values) {
          const o = v.observation;
          if (o.inheritedFrom === undefined || o.phase !== 'run') continue;
          if (!o.scope.some((s) => s.kind === 'image' && s.name === 'final')) continue;
          const stage = stageKey(o);
          if (variable === 'GOROOT' && stage && toolchains.has(stage)) continue;
          context.report({
            messageId: 'inherited',
            data: { assignment: key === null ? `${variable}="${v.text}"` : `${variable} "${key}=${v.text}"`, stage: o.inheritedFrom, variable },
            observation: o,
            environment: 'production',
            variable,
            key,
          });
        }
      }
    }
  },
};
