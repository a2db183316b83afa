// Folder listings the fixture-driven tests share.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Names of the folders directly under `dir`, sorted. */
export function subfolders(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort();
}

