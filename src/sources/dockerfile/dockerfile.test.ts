import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compactFact, describeFactsGoldens } from '../../../test/helpers/facts-golden.js';
import { dockerfileExtractor } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describeFactsGoldens('dockerfile extractor fixtures', fixtures, dockerfileExtractor);

async function facts(text: string) {
  const r = await dockerfileExtractor.extract({ path: 'Dockerfile', absolutePath: '/x/Dockerfile', text }, { readFile: () => undefined, allFiles: [] });
  return { facts: r.observations.map(compactFact), diagnostics: r.diagnostics };
}

describe('dockerfile positions and semantics', () => {
  it('splits multi-pair ENV with exact spans, quotes included', async () => {
    const { facts: f } = await facts('FROM alpine\nENV GOGC=50 GOTRACEBACK="crash"  GOFLAGS=-v\\ -x\n');
    expect(f.map((x) => [x.variable, x.span, x.value])).toEqual([
      ['GOGC', '2:10-2:12', '50'],
      ['GOTRACEBACK', '2:25-2:32', 'crash'],
      ['GOFLAGS', '2:42-2:48', '-v -x'],
    ]);
  });

  it('maps RUN text across continuation and comment lines', async () => {
    const text = 'FROM golang:1.22\nRUN set -e \\\n# note\n\t&& GOGC=5 go test ./...\n';
    const { facts: f } = await facts(text);
    expect(f.find((x) => x.variable === 'GOGC')).toMatchObject({ span: '4:10-4:11', origin: 'dockerfile-run', phase: 'test', goVersion: '1.22' });
  });

  it('reads RUN heredoc bodies at their file position', async () => {
    const text = 'FROM alpine AS a\nRUN <<EOF\n  export GOMAXPROCS=3\nEOF\n';
    const { facts: f } = await facts(text);
    expect(f).toMatchObject([{ span: '3:21-3:22', scope: 'stage:a/image:final', phase: 'build' }]);
  });

  it('substitutes ARG defaults and keeps unknown build args non-literal', async () => {
    const text = 'FROM alpine\nARG MEM=256MiB\nARG EXTRA\nENV GOMEMLIMIT=${MEM} GOFLAGS="$EXTRA -v" GOGC=${UNSET:-80}\n';
    const { facts: f } = await facts(text);
    expect(f.map((x) => [x.variable, x.value, x.literal ?? true])).toEqual([
      ['GOMEMLIMIT', '256MiB', true],
      ['GOFLAGS', '"$EXTRA -v"', false],
      ['GOGC', '${UNSET:-80}', false],
    ]);
  });

  it('inherits ENV through FROM <stage> with the parent span and the child scope', async () => {
    const text = 'FROM golang:1.23-alpine AS base\nENV GOGC=off\nFROM base\n';
    const { facts: f } = await facts(text);
    expect(f).toEqual([
      expect.objectContaining({ variable: '@build-toolchain', value: '1.23', span: '1:13-1:24', scope: 'stage:base' }),
      expect.objectContaining({ variable: 'GOGC', span: '2:10-2:13', scope: 'stage:base', phase: 'build', goVersion: '1.23' }),
      expect.objectContaining({ variable: '@build-toolchain', scope: 'stage:#1/image:final' }),
      expect.objectContaining({ variable: 'GOGC', span: '2:10-2:13', scope: 'stage:#1/image:final', phase: 'run', goVersion: '1.23' }),
    ]);
  });

  it('never throws on garbage', async () => {
    for (const text of ['', '\\', 'FROM', 'ENV', 'RUN <<EOF', 'ARG', 'FROM a AS', 'ENV A="', '\u0000\u0001']) {
      await expect(facts(text)).resolves.toBeDefined();
    }
  });
});

describe('dockerfileExtractor.matches', () => {
  it.each([
    ['Dockerfile', true],
    ['svc/Dockerfile.prod', true],
    ['deploy/api.Dockerfile', true],
    ['Containerfile', true],
    ['x/base.containerfile', true],
    ['Dockerfile.dockerignore', false],
    ['docs/Dockerfiles.md', false],
    ['dockerfile.go', false],
    ['Dockerfile.md', false],
  ])('%s → %s', (path, expected) => {
    expect(dockerfileExtractor.matches(path)).toBe(expected);
  });
});
