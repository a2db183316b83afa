// Glob matchers (picomatch), loaded on first use: most runs declare no globs in godrift.yaml, and
// loading picomatch costs ~10 ms of start-up (`godrift inspect` of one binary: docs/benchmarks.md).
import { createRequire } from 'node:module';

type Picomatch = (glob: string | string[], options?: { dot?: boolean }) => (path: string) => boolean;

let picomatch: Picomatch | undefined;

/** A matcher for one glob or any of several (picomatch with the given options). */
export function globMatcher(glob: string | string[], options: { dot?: boolean } = {}): (path: string) => boolean {
  picomatch ??= createRequire(import.meta.url)('picomatch') as Picomatch;
  return picomatch(glob, options);
}
