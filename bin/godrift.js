#!/usr/bin/env node
// Launcher only: all behaviour lives in the compiled CLI.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`godrift: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
