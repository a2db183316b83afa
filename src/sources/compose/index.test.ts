import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFactsGolden, fixtureDirs } from '../../../test/helpers/facts-golden.js';
import { composeExtractor } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('compose extractor fixtures', () => {
  for (const dir of fixtureDirs(fixtures)) {
    it(dir.split('/').pop()!, async () => {
      await expectFactsGolden(composeExtractor, dir);
    });
  }
});
