// Locating the third-party binaries optional renderers run (helm, kustomize).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable named `command` (`command.exe` on Windows) on `env.PATH`, or undefined. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, process.platform === 'win32' ? `${command}.exe` : command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const perScan = new WeakMap<object, Map<string, string | undefined>>();

/**
 * `find()` once per scan (keyed by the scan's file list): extractors that run a binary per chart
 * or overlay looked it up on PATH for each one (2,000 charts × every PATH entry: ~0.8 s). A scan
 * is short, so a binary installed while it runs is seen by the next scan.
 */
export function oncePerScan(scan: object, command: string, find: () => string | undefined): string | undefined {
  let m = perScan.get(scan);
  if (!m) perScan.set(scan, (m = new Map()));
  if (m.has(command)) return m.get(command);
  const found = find();
  m.set(command, found);
  return found;
}
