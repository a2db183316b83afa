// The repository a scanned directory belongs to. SARIF and GitHub annotations give paths from
// the repository root, because code scanning and the pull-request diff resolve them there:
// `godrift scan services/api` must report `services/api/deploy/app.yaml`, not `deploy/app.yaml`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The nearest directory at or above `root` that holds `.git` (a directory, or the file a
 * worktree or submodule has); `root` itself when there is none. Reads nothing but names.
 */
export function repositoryRootOf(root: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return root;
  }
}
