#!/usr/bin/env node
// Launcher only: all behaviour lives in the compiled CLI. `inspect` and `diff` go straight to their
// own modules, which load the build-info reader and little else: the full CLI imports every
// extractor, rule and reporter, which is most of a one-binary inspect's time (docs/benchmarks.md).
import { setFlagsFromString } from 'node:v8';

// V8 lets the old generation grow to about four times the live data between full collections
// while a scan allocates fast; godrift's live set is small (75 MB for 2,000 services), so that
// growth was most of its peak memory. A 50 % growing step keeps the 2,000-service benchmark near
// 240 MB instead of 300 MB at the same speed (docs/benchmarks.md). Set before anything allocates.
setFlagsFromString('--heap-growing-percent=50');

const argv = process.argv.slice(2);

// A reader that stops early (`godrift inspect dir | head`) closes the pipe: drop further output
// and finish with the exit code the work gives, instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code !== 'EPIPE') throw error;
    stream.write = () => true;
  });
}

const run =
  argv[0] === 'inspect'
    ? import('../dist/cli/inspect.js').then((m) => m.runInspect(argv.slice(1)))
    : argv[0] === 'diff'
      ? import('../dist/cli/diff.js').then((m) => m.runDiff(argv.slice(1)))
      : import('../dist/cli/main.js').then((m) => m.main(argv));

run.then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`godrift: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
