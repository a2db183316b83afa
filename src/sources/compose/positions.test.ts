import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../core/types.js';
import { fixtureContext } from '../../../test/helpers/facts-golden.js';
import { composeExtractor, composeVariant, isComposePath } from './index.js';
import { parseDotenv } from '../dotenv/parse.js';

const dir = join(import.meta.dirname, 'fixtures/service-environment-forms');
const written = (o: Observation) => readFileSync(join(dir, o.span.path), 'utf8').slice(o.span.start!.offset, o.span.end!.offset);

describe('compose positions', () => {
  it('list form spans the value after `=`, map form spans the scalar, env_file spans its own file', async () => {
    const path = 'compose.yaml';
    const { observations } = await composeExtractor.extract({ path, absolutePath: join(dir, path), text: readFileSync(join(dir, path), 'utf8') }, fixtureContext(dir));
    const of = (v: string, k: string | null, svc: string) => observations.filter((o) => o.variable === v && o.key === k && o.scope[0]!.name === svc);
    expect(written(of('GODEBUG', 'madvdontneed', 'worker')[0]!)).toBe('madvdontneed=1');
    expect(written(of('GOEXPERIMENT', 'greenteagc', 'worker')[0]!)).toBe('greenteagc');
    expect(of('GOFLAGS', null, 'worker')[0]!.value.text).toBe('-price=$5');
    const gomaxprocs = of('GOMAXPROCS', null, 'api')[0]!;
    expect([written(gomaxprocs), gomaxprocs.value.text]).toEqual(['4', '4']);
    // The merge key's values point at the anchor where they are written.
    expect(of('GOGC', null, 'api')[0]!.span.start!.line).toBe(2);
    const tlsrsakex = of('GODEBUG', 'tlsrsakex', 'api')[0]!;
    expect([tlsrsakex.span.path, written(tlsrsakex), tlsrsakex.origin]).toEqual(['config/api.env', 'tlsrsakex=1', 'compose-env-file']);
    expect(of('GOMEMLIMIT', null, 'api')[0]!.value).toEqual({ text: '${API_MEMLIMIT:-512MiB}', literal: false });
  });

  it('dotenv: export, quotes, inline comments, bare names', () => {
    const entries = parseDotenv('export A=1\nB="x\\ny" # c\nC=\'$D\'\nE=plain # comment\nF\n', { dialect: 'compose' });
    expect(entries.map((e) => [e.name, e.value, e.quote, e.inherited])).toEqual([
      ['A', '1', 'none', false],
      ['B', 'x\ny', 'double', false],
      ['C', '$D', 'single', false],
      ['E', 'plain', 'none', false],
      ['F', '', 'none', true],
    ]);
  });

  it('file names and variants', () => {
    expect(['compose.yaml', 'compose.yml', 'compose.prod.yaml', 'docker-compose.yml', 'docker-compose.override.yaml', 'deploy/docker-compose-ci.yml'].every(isComposePath)).toBe(true);
    expect(['composer.yaml', 'my-compose.yml', 'compose.json'].some(isComposePath)).toBe(false);
    expect([composeVariant('docker-compose.prod.yml'), composeVariant('compose.yaml'), composeVariant('docker-compose-ci.yml')]).toEqual(['prod', undefined, 'ci']);
  });
});
