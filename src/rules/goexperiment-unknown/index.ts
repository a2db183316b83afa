// goexperiment-unknown: a GOEXPERIMENT name the toolchain does not know. The go command exits
// with `go: unknown GOEXPERIMENT <name>` — retired names included: an old CI setting such as
// `GOEXPERIMENT=rangefunc` or `swissmap` breaks the build on a newer toolchain (go-facts.md §3.1,
// §3.3, §10.6).
import { compareGoVersions, experimentKnown, forkExperiment, goErrorText, experimentLastKnown, experimentsFor, goMinorsUpTo, NEWEST_GO_VERSION } from '../../knowledge/index.js';
import { phasesFor } from '../../resolve/index.js';
import { eachFact, versionFor } from '../facts.js';
import type { Rule } from '../types.js';

/** `noX` when the observation turns X off, else the name as written. */
export function writtenExperiment(key: string, value: string): string {
  return value === 'off' ? `no${key}` : key;
}

/** Releases (1.N) whose go command knows the flag. */
function releasesKnowing(flag: string): string[] {
  return goMinorsUpTo(NEWEST_GO_VERSION).filter((m) => experimentsFor(m).some((e) => e.name === flag));
}

export const rule: Rule = {
  meta: {
    id: 'goexperiment-unknown',
    description: 'A GOEXPERIMENT name the toolchain does not know (unknown or retired): the go command refuses to build.',
    category: 'validity',
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      retired: {
        message: 'GOEXPERIMENT "{name}" was retired after Go {last}: the go command of Go {version} stops with "go: {error}" (Go {version}: {reason})',
        help: 'remove "{name}" from GOEXPERIMENT{retiredHint}',
      },
      notYet: {
        message: 'GOEXPERIMENT "{name}" exists only in Go {releases}: the go command of Go {version} stops with "go: {error}" (Go {version}: {reason})',
        help: 'remove "{name}" or build with a Go version that has it',
      },
      forkOnly: {
        message: 'GOEXPERIMENT "{name}" is not an upstream Go experiment but one of {distribution}: only that toolchain builds with it, an upstream go command stops with "go: {error}"',
        help: 'build with {distribution} ({source}), or probe the toolchain before setting it',
      },
      unknown: {
        message: 'GOEXPERIMENT "{name}" is not an experiment of any Go release: the go command stops with "go: {error}"',
        help: 'fix the name or remove it (`go doc internal/goexperiment` lists the flags of your toolchain)',
      },
    },
  },
  check(context) {
    const phases = phasesFor('GOEXPERIMENT');
    for (const f of eachFact(context, 'GOEXPERIMENT')) {
      const key = f.o.key;
      if (key === null || key === 'none' || !phases.includes(f.o.phase)) continue;
      const name = writtenExperiment(key, f.o.value.text);
      const flag = name.startsWith('no') && name !== key ? key : name;
      const releases = releasesKnowing(flag);
      const inForce = versionFor(context, f);
      const base = { observation: f.o, environment: f.environment, variable: 'GOEXPERIMENT', key };
      if (releases.length === 0 && flag !== 'regabi') {
        // A downstream distribution's flag (FIPS builds) is deliberate: say which toolchain it
        // needs, as a note, instead of calling it a typo.
        const fork = forkExperiment(flag);
        if (fork) {
          const data = { name, distribution: fork.distribution, source: fork.source, error: goErrorText('goexperimentUnknown', name) };
          context.report({ ...base, messageId: 'forkOnly', severity: 'note', data });
          continue;
        }
        context.report({ ...base, messageId: 'unknown', data: { name, error: goErrorText('goexperimentUnknown', name) } });
        continue;
      }
      const version = inForce.version;
      // No table for that version (newer than the knowledge base, e.g. a go line 1.28 while the
      // newest known release is 1.27, or older than 1.18): nothing says the flag is gone there.
      if (!version || experimentsFor(version).length === 0 || experimentKnown(name, version)) continue;
      const last = experimentLastKnown(flag);
      const data = { name, version, reason: inForce.reason, last: last ?? '', releases: releases.join(', '), retiredHint: '', error: goErrorText('goexperimentUnknown', name) };
      if (last !== undefined && compareGoVersions(last, version) < 0) {
        data.retiredHint = ' (what it enabled is either the default now or gone)';
        context.report({ ...base, messageId: 'retired', data });
      } else context.report({ ...base, messageId: 'notYet', data });
    }
  },
};
