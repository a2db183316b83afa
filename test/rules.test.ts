// Runs every rule fixture (src/rules/<id>/fixtures/<case>/expected.txt).
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { subfolders } from './helpers/folders.js';
import { expectRuleFixture } from './helpers/rule-fixtures.js';

const rulesDir = join(import.meta.dirname, '..', 'src', 'rules');

for (const id of subfolders(rulesDir)) {
  const fixtures = join(rulesDir, id, 'fixtures');
  let cases: string[] = [];
  try {
    cases = subfolders(fixtures);
  } catch {
    // registry.test.ts fails for a rule without fixtures.
  }
  describe(`rule ${id}`, () => {
    for (const c of cases) it(c, () => expectRuleFixture(join(fixtures, c), id));
  });
}
