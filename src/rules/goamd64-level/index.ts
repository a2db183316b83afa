// goamd64-level: GOAMD64 above v1 makes the binary check the CPU at start-up and refuse to run
// on older processors. A value that is not a level stops every go command before Go 1.23 and,
// from 1.23 on, silently falls back to the default because buildcfg's GOARM64 initialiser resets
// the error (go-facts.md §7, §9; internal/buildcfg/cfg.go, runtime/asm_amd64.s; buildcfgVariable).
import { amd64Level, buildcfgVariable, GOAMD64_DEFAULT, GOAMD64_LEVELS } from '../../knowledge/index.js';
import { eachFact, versionOrNewest } from '../facts.js';
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
        message: 'GOAMD64="{value}" is not a level ({levels}): Go {version} silently builds for {default} while the build info records "{value}" (Go {version}: {reason})',
        help: 'use one of {levels}, or remove it',
      },
      invalidFatal: {
        message: 'GOAMD64="{value}" is not a level ({levels}): every go command of Go {version} stops with "go: {invalid}" (Go {version}: {reason})',
        help: 'use one of {levels}, or remove it',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GOAMD64')) {
      const value = f.o.value.text.trim();
      const level = amd64Level(value);
      if (level.valid && !level.refusal) continue;
      const inForce = versionOrNewest(context, f);
      const cfg = buildcfgVariable('GOAMD64', inForce.version);
      const fatal = !level.valid && cfg?.invalidFatal === true;
      context.report({
        messageId: level.valid ? 'level' : fatal ? 'invalidFatal' : 'invalid',
        data: {
          value,
          refusal: level.refusal ?? '',
          default: cfg?.default || GOAMD64_DEFAULT,
          levels: (cfg?.values ?? GOAMD64_LEVELS).join(', '),
          version: inForce.version,
          reason: inForce.reason,
          invalid: cfg?.invalid ?? '',
        },
        observation: f.o,
        environment: f.environment,
        variable: 'GOAMD64',
        key: null,
        severity: level.valid ? (f.environment === 'production' ? 'warning' : 'note') : fatal ? 'error' : 'warning',
      });
    }
  },
};
