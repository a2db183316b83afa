// buildcfg-invalid: a GOARM, GOARM64 or GOFIPS140 value that internal/buildcfg rejects. Every go
// command (go env included) then stops with `go: invalid GOARM64: …` and exit status 2,
// whatever GOARCH is, because buildcfg validates all of them at start-up; an invalid GOARM on Go
// 1.23+ is instead silently replaced by the default (the GOARM64 initialiser resets buildcfg's
// error; knowledge: buildcfgVariable, BUILDCFG_ERROR_RESET_SINCE). GOAMD64 is goamd64-level's.
import { buildcfgValueValid, buildcfgVariable } from '../../knowledge/index.js';
import { eachFact, versionOrNewest } from '../facts.js';
import type { Rule } from '../types.js';

const VARIABLES = ['GOARM', 'GOARM64', 'GOFIPS140'];

export const rule: Rule = {
  meta: {
    id: 'buildcfg-invalid',
    description: 'A GOARM, GOARM64 or GOFIPS140 value the toolchain rejects: every go command stops, or the value is silently replaced by the default.',
    category: 'validity',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      fatal: {
        message: '{name}="{value}" is not a value Go {version} accepts ({accepted}): every go command stops with "go: {invalid}" (Go {version}: {reason})',
        help: 'use one of the accepted values, or remove {name}',
      },
      replaced: {
        message: '{name}="{value}" is not a value Go {version} accepts ({accepted}): the toolchain silently builds with the default "{default}" instead (Go {version}: {reason})',
        help: 'use one of the accepted values, or remove {name}',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, (v) => VARIABLES.includes(v))) {
      const name = f.o.variable;
      const value = f.o.value.text.trim();
      // An empty value means "unset" to buildcfg's envOr.
      if (value === '') continue;
      const inForce = versionOrNewest(context, f);
      const cfg = buildcfgVariable(name, inForce.version);
      // A variable the release does not have is just an unused environment variable.
      if (!cfg || buildcfgValueValid(cfg, value)) continue;
      const accepted = `${cfg.values.join(', ')}${cfg.suffixes.length > 0 ? `, optionally followed by ${cfg.suffixes.join(' or ')}` : ''}${name === 'GOFIPS140' ? ', or v1.Y.Z' : ''}`;
      context.report({
        messageId: cfg.invalidFatal ? 'fatal' : 'replaced',
        data: { name, value, version: inForce.version, reason: inForce.reason, accepted, invalid: cfg.invalid, default: cfg.default },
        observation: f.o,
        environment: f.environment,
        variable: name,
        key: null,
        severity: cfg.invalidFatal ? 'error' : 'warning',
      });
    }
  },
};
