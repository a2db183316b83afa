// goroot-outside-toolchain-image: GOROOT set anywhere but inside a Go toolchain image. The go
// command finds its own root from its location; a GOROOT that points at another release makes
// every compile fail with `compile: version "…" does not match go tool version "…"`, and one
// that points nowhere fails with "cannot find GOROOT directory" (go-facts.md §5.1, §5.2).
// A toolchain image is a Dockerfile stage built FROM a golang image, or one the extractor saw
// receive a toolchain (rules/helpers.ts toolchainStages): GOROOT there is the image's own root.
// Coordination: a run-time GOROOT in production is goroot-in-production's finding, and
// `go env -w GOROOT` is go-env-w-persistent's; neither is reported again here.
import { VARIABLE_FACTS } from '../../knowledge/index.js';
import { eachFact } from '../facts.js';
import { stageKey, toolchainStages } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'goroot-outside-toolchain-image',
    description: 'GOROOT set outside a Go toolchain image (CI, scripts, Makefiles, non-golang stages).',
    category: 'portability',
    defaultSeverity: 'warning',
    fixable: false,
    messages: {
      set: {
        message: 'GOROOT="{value}" is set outside a Go toolchain image: {invalid}',
        help: 'remove GOROOT and let the go command find its own root (use actions/setup-go, a golang image or GOTOOLCHAIN to pick a release)',
      },
    },
  },
  check(context) {
    const toolchains = toolchainStages(context);
    const invalid = VARIABLE_FACTS.GOROOT?.invalid ?? '';
    for (const f of eachFact(context, 'GOROOT')) {
      const o = f.o;
      if (o.origin === 'shell-go-env-w') continue;
      if (f.environment === 'production' && o.phase === 'run') continue;
      const stage = stageKey(o);
      if (stage && toolchains.has(stage)) continue;
      context.report({
        messageId: 'set',
        data: { value: o.value.text, invalid },
        observation: o,
        environment: f.environment,
        variable: 'GOROOT',
        key: null,
      });
    }
  },
};
