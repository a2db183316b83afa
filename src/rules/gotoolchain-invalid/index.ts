// gotoolchain-invalid: a GOTOOLCHAIN value that breaks every go command of Go 1.21+. Select
// (cmd/go/internal/toolchain/select.go) stops on a value that is not local, auto, path, a
// toolchain name (`go1.22.3`) or one of those with +auto/+path — `1.22.3` without the go prefix is
// the common slip — and a language version such as `go1.22` names no release since Go 1.21
// (golang/go#62278), so the download fails. Older go commands ignore GOTOOLCHAIN.
import { compareGoVersions, GOTOOLCHAIN_SINCE, gotoolchainProblem } from '../../knowledge/index.js';
import { eachFact, versionOrNewest } from '../facts.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gotoolchain-invalid',
    description: `A GOTOOLCHAIN value that every go command of Go ${GOTOOLCHAIN_SINCE}+ rejects, or a toolchain release that does not exist.`,
    category: 'validity',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      invalid: {
        message: 'GOTOOLCHAIN="{value}" is not a valid value: every go command of Go {version} stops with "go: {error}" (Go {version}: {reason})',
        help: 'use local, auto, path, a toolchain name such as go1.22.3, or a name followed by +auto or +path',
      },
      noSuchRelease: {
        message: 'GOTOOLCHAIN="{value}" names no Go release: since Go {since} the first release of a line is go1.N.0, so the go command fails to download "{value}" ("go: {error}") (Go {version}: {reason})',
        help: 'name a release such as "{value}.0"',
      },
    },
  },
  check(context) {
    for (const f of eachFact(context, 'GOTOOLCHAIN')) {
      const value = f.o.value.text.trim();
      const problem = gotoolchainProblem(value);
      if (!problem) continue;
      const inForce = versionOrNewest(context, f);
      // A go command before 1.21 does not read GOTOOLCHAIN at all.
      if (compareGoVersions(inForce.version, GOTOOLCHAIN_SINCE) < 0) continue;
      context.report({
        messageId: problem.kind === 'invalid' ? 'invalid' : 'noSuchRelease',
        data: { value, error: problem.error, version: inForce.version, reason: inForce.reason, since: GOTOOLCHAIN_SINCE },
        observation: f.o,
        environment: f.environment,
        variable: 'GOTOOLCHAIN',
        key: null,
      });
    }
  },
};
