// goroot-in-production: GOROOT set where the program runs. A runtime image has no toolchain, so
// runtime.GOROOT() (deprecated since Go 1.24) points at nothing, and a stale GOROOT makes any
// go command in the image use another release's tools (go-facts.md §5.1, §5.2).
import { stageKey, toolchainStages } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'goroot-in-production',
    description: 'GOROOT is set in a runtime image or production environment.',
    category: 'production-hazard',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      set: {
        message: 'GOROOT="{value}" is set in production, where no Go toolchain runs',
        help: 'remove GOROOT from the runtime environment; code that needs the toolchain location should run `go env GOROOT` at build time',
      },
    },
  },
  check(context) {
    const { resolution } = context;
    // A final stage that holds a toolchain (a builder or CI image) is where GOROOT belongs.
    const toolchains = toolchainStages(context);
    for (const target of resolution.targets) {
      const cell = resolution.cell(target, 'production', 'GOROOT', null);
      for (const v of cell.values) {
        if (v.observation.phase !== 'run') continue;
        // os.Setenv("GOROOT", …) in code prepares a child process (build tools do this); not configuration.
        if (v.observation.origin === 'go-runtime-call') continue;
        const stage = stageKey(v.observation);
        if (stage && toolchains.has(stage)) continue;
        context.report({
          messageId: 'set',
          data: { value: v.text },
          observation: v.observation,
          environment: 'production',
          variable: 'GOROOT',
          key: null,
        });
      }
    }
  },
};
