// goamd64-level: GOAMD64 above v1 makes the binary check the CPU at start-up and refuse to run
// on older processors; a value that is not a level falls back to v1 (go-facts.md §7, §9;
// internal/buildcfg/cfg.go, runtime/asm_amd64.s).
import { amd64Level, GOAMD64_DEFAULT, GOAMD64_LEVELS } from '../../knowledge/index.js';
import { eachFact } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'goamd64-level',
    description: 'GOAMD64 v2 or higher: the binary refuses to start on older CPUs (or the value is not a level).',
    category: 'portability',
    defaultSeverity: 'note',
    fixable: false,
    messages: {
      level: {
        message: 'GOAMD64="{value}" builds binaries that refuse to start on CPUs without {value} support, printing "{refusal}"',
        help: 'keep {value} only if every machine that runs the binary supports it; otherwise remove it (default {default})',
      },
      invalid: {
        message: 'GOAMD64="{value}" is not a level ({levels}), so the toolchain falls back to {default} while the build info records "{value}"',
        help: 'use one of {levels}, or remove it',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GOAMD64')) {
      const value = f.o.value.text.trim();
      const level = amd64Level(value);
      if (level.valid && !level.refusal) continue;
      context.report({
        messageId: level.valid ? 'level' : 'invalid',
        data: { value, refusal: level.refusal ?? '', default: GOAMD64_DEFAULT, levels: GOAMD64_LEVELS.join(', ') },
        observation: f.o,
        environment: f.environment,
        variable: 'GOAMD64',
        key: null,
        severity: level.valid ? (f.environment === 'production' ? 'warning' : 'note') : 'warning',
      });
    }
  },
};
