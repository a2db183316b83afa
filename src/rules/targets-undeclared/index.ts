// targets-undeclared: a repository with several Go modules (one go.mod per service is the usual
// monorepo layout) and no `targets` in godrift.yaml is resolved as one program, so drift compares
// every module's production settings with every module's tests. Said once, at the go line of the
// second module, so the user can declare targets before trusting drift findings.
import type { Observation } from '../../core/types.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'targets-undeclared',
    description: 'Several Go modules in one repository are compared as one program because godrift.yaml declares no targets.',
    category: 'drift',
    defaultSeverity: 'note',
    fixable: false,
    messages: {
      severalModules: {
        message: 'the repository holds {count} Go modules ({modules}) and godrift.yaml declares no targets, so drift compares them as one program',
        help: 'declare one target per program in godrift.yaml (targets: {name: [globs of its files]}) so each is compared with its own tests',
      },
    },
  },
  check(context) {
    if (Object.keys(context.config.targets).length > 0) return;
    for (const target of context.resolution.targets) {
      // One go line per go.mod (go.work files group modules; they are not programs).
      const byModule = new Map<string, Observation>();
      for (const o of context.resolution.observationsIn(target, 'unknown')) {
        if (o.origin === 'gomod-go' && !byModule.has(o.span.path)) byModule.set(o.span.path, o);
      }
      if (byModule.size < 2) continue;
      const paths = [...byModule.keys()].sort();
      const shown = paths.length > 3 ? [...paths.slice(0, 3), '…'] : paths;
      context.report({
        messageId: 'severalModules',
        data: { count: paths.length, modules: shown.join(', ') },
        observation: byModule.get(paths[1]!)!,
        environment: 'unknown',
        variable: '@go',
        key: null,
      });
    }
  },
};
