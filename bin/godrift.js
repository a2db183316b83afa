#!/usr/bin/env node
// Launcher only: all behaviour lives in the compiled CLI. `inspect` and `diff` go straight to their
// own modules, which load the build-info reader and little else: the full CLI imports every
// extractor, rule and reporter, which is most of a one-binary inspect's time (docs/benchmarks.md).
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
