import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFactsGoldens } from '../../../test/helpers/facts-golden.js';
import type { ShellContext } from '../shell/extract.js';
import { createMakefileExtractor, makefileExtractor, targetPhase } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

describeFactsGoldens('makefile extractor fixtures', join(here, 'fixtures'), makefileExtractor);

/** Runs the extractor with a shell stub that records what it was given. */
async function recipes(text: string): Promise<{ script: string; ctx: ShellContext; file: (i: number) => number }[]> {
  const calls: { script: string; ctx: ShellContext; file: (i: number) => number }[] = [];
  const extractor = createMakefileExtractor(async (script, ctx) => {
    calls.push({ script, ctx, file: ctx.mapOffset! });
    return { observations: [], diagnostics: [] };
  });
  await extractor.extract({ path: 'Makefile', absolutePath: '/x/Makefile', text }, { allFiles: [], readFile: () => undefined });
  return calls;
}

describe('makefile recipes', () => {
  it('maps every script character back to the file', async () => {
    const text = 'all:\n\t@-echo a \\\n\t  b\n\t+go test ./...\n';
    const calls = await recipes(text);
    expect(calls.map((c) => c.script)).toEqual(['echo a \\\n  b', 'go test ./...']);
    for (const { script, file } of calls) {
      for (let i = 0; i < script.length; i++) expect(text[file(i)], `char ${i} of ${JSON.stringify(script)}`).toBe(script[i]);
    }
    expect(calls[0]!.ctx).toMatchObject({ origin: 'make-recipe', scope: [{ kind: 'target', name: 'all' }], phase: 'build' });
  });
  it('turns $$ into $ and resolves literal make variables, spanning the reference', async () => {
    const text = 'GD = a=1,b=2\ntest:\n\tGODEBUG=$(GD) X=$$HOME Y=$(UNKNOWN) go test\n';
    const [call] = await recipes(text);
    expect(call!.script).toBe('GODEBUG=a=1,b=2 X=$HOME Y=$(UNKNOWN) go test');
    const v = call!.script.indexOf('a=1');
    const ref = text.indexOf('$(GD)');
    expect(call!.file(v)).toBe(ref);
    expect(call!.file(v + 'a=1,b=2'.length - 1) + 1).toBe(ref + '$(GD)'.length);
    expect(call!.file(call!.script.indexOf('$HOME'))).toBe(text.indexOf('$$HOME'));
    expect(call!.ctx.phase).toBe('test');
  });
  it('reads an inline recipe after the semicolon', async () => {
    const text = 'serve: build ; GOGC=50 ./app\n';
    const [call] = await recipes(text);
    expect(call!.script).toBe('GOGC=50 ./app');
    expect(call!.file(0)).toBe(text.indexOf('GOGC'));
    expect(call!.ctx.phase).toBe('run');
  });
});

describe('targetPhase', () => {
  it('classifies target names', () => {
    expect(targetPhase('test-integration')).toBe('test');
    expect(targetPhase('unittest')).toBe('test');
    expect(targetPhase('docker-build')).toBe('build');
    expect(targetPhase('install')).toBe('build');
    expect(targetPhase('run-local')).toBe('run');
    expect(targetPhase('deploy')).toBe('run');
    expect(targetPhase('prune')).toBe('build');
    expect(targetPhase('lint')).toBe('build');
  });
});
