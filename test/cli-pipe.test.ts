// A reader that stops early closes godrift's stdout (`godrift inspect dir | head`): godrift must
// stop quietly, not die on an unhandled EPIPE with a stack trace.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** Runs godrift with its stdout pipe closed by the reader at once; collects stderr and the exit code. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'godrift.js'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.destroy();
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout pipe', () => {
  it('ends inspect quietly (node_modules holds real Go binaries: esbuild, through vite)', async () => {
    const r = await runWithClosedStdout(['inspect', join(root, 'node_modules')]);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(r.code).toBe(0);
  }, 60_000);

  it('ends scan quietly, with the exit code the findings give', async () => {
    const r = await runWithClosedStdout(['scan', 'examples/payments-api']);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(r.code).toBe(1);
  }, 60_000);
});
