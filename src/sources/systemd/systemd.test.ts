import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeFactsGoldens } from '../../../test/helpers/facts-golden.js';
import { extractSystemdUnit, systemdExtractor, unitName } from './index.js';

const here = dirname(fileURLToPath(import.meta.url));

describeFactsGoldens('systemd extractor fixtures', join(here, 'fixtures'), systemdExtractor);

describe('systemd details', () => {
  it('matches service units and their drop-ins only', () => {
    expect(systemdExtractor.matches('deploy/api.service')).toBe(true);
    expect(systemdExtractor.matches('x/api.service.d/override.conf')).toBe(true);
    expect(systemdExtractor.matches('x/api.socket')).toBe(false);
    expect(systemdExtractor.matches('x/nginx.conf')).toBe(false);
  });
  it('names the unit of a drop-in after its folder', () => {
    expect(unitName('a/app.service.d/10.conf')).toBe('app.service');
    expect(unitName('a/app@.service')).toBe('app@.service');
  });
  it('spans values across quotes, escapes and continuations', () => {
    const text = '[Service]\nEnvironment="GOGC=5 0" GOMAXPROCS=\\\n   8 GOTRACEBACK="all"\n';
    const obs = extractSystemdUnit('a.service', text, undefined).observations;
    const written = obs.map((o) => [o.variable, o.value.text, text.slice(o.span.start!.offset, o.span.end!.offset)]);
    expect(written).toEqual([
      ['GOGC', '5 0', '5 0'],
      // `GOMAXPROCS=` ends the word at the continuation: its value is empty, `8` is a word of its own.
      ['GOMAXPROCS', '', ''],
      ['GOTRACEBACK', 'all', '"all"'],
    ]);
  });
});
