// Runs `helm template` in a locked-down way: no shell (execFile), a timeout, no plugins, no
// repositories or registries (config files point at empty temp files), no dependency update, a
// throw-away HOME/cache. `helm template` never talks to a cluster unless --validate is given.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from '../common/executables.js';

/** Seconds before a render is killed. */
export const RENDER_TIMEOUT_MS = 20_000;

/** The helm binary to use: GODRIFT_HELM, else `helm` on PATH; undefined when there is none. */
export function findHelm(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GODRIFT_HELM) return env.GODRIFT_HELM;
  return findOnPath('helm', env);
}

export type RenderResult = { ok: true; stdout: string } | { ok: false; message: string };

/**
 * `helm template <release> <chartDir> [-f <values>]…` with the safety settings above.
 * The chart's own values.yaml is always loaded by Helm; `valuesFiles` are layered on top.
 */
export function renderChart(helm: string, chartDir: string, valuesFiles: string[], release = 'godrift'): Promise<RenderResult> {
  const home = mkdtempSync(join(tmpdir(), 'godrift-helm-'));
  const repoConfig = join(home, 'repositories.yaml');
  const registryConfig = join(home, 'registry.json');
  writeFileSync(repoConfig, '');
  writeFileSync(registryConfig, '{}');
  const env: NodeJS.ProcessEnv = {
    HOME: home,
    HELM_PLUGINS: '/nonexistent',
    HELM_NO_PLUGINS: '1',
    HELM_REPOSITORY_CONFIG: repoConfig,
    HELM_REGISTRY_CONFIG: registryConfig,
    HELM_REPOSITORY_CACHE: join(home, 'cache', 'repository'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    KUBECONFIG: join(home, 'no-kubeconfig'),
    // No proxies and no network-dependent behaviour: render is local.
    NO_PROXY: '*',
  };
  const args = ['template', release, chartDir, ...valuesFiles.flatMap((f) => ['-f', f])];
  return new Promise((resolve) => {
    execFile(helm, args, { env, timeout: RENDER_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      rmSync(home, { recursive: true, force: true });
      if (err) {
        const reason = (err as NodeJS.ErrnoException & { killed?: boolean }).killed
          ? `timed out after ${RENDER_TIMEOUT_MS / 1000} s`
          : (String(stderr).trim() || err.message).split('\n').slice(0, 3).join(' ');
        resolve({ ok: false, message: reason });
      } else resolve({ ok: true, stdout: String(stdout) });
    });
  });
}
