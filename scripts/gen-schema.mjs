#!/usr/bin/env node
// Writes docs/godrift.schema.json, the JSON Schema of godrift.yaml for editors, from the rule
// registry and the config module (run after `npm run build`). test/config.test.ts fails when
// the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const { configJsonSchema } = await import(join(root, 'dist', 'config', 'json-schema.js'));
writeFileSync(join(root, 'docs', 'godrift.schema.json'), JSON.stringify(configJsonSchema(), null, 2) + '\n');
console.log('wrote docs/godrift.schema.json');
