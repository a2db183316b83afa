import { join } from 'node:path';
import { describeFactsGoldens } from '../../../test/helpers/facts-golden.js';
import { composeExtractor } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describeFactsGoldens('compose extractor fixtures', fixtures, composeExtractor);
