// Finding the config file and merging layers, apart from the YAML loader: `inspect` and `diff`
// need these on every run but the YAML parser (~30 ms to load) only when a config file exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type Config } from './schema.js';

/** Finds `godrift.yaml` / `godrift.yml` / `.godrift.yaml` at the root. */
export function findConfigFile(root: string): string | undefined {
  for (const name of ['godrift.yaml', 'godrift.yml', '.godrift.yaml', '.godrift.yml']) {
    const p = join(root, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** defaults ⊕ file ⊕ flags: each layer replaces the keys it sets (rules merge per id). */
export function mergeConfig(...layers: Partial<Config>[]): Config {
  const out: Config = structuredClone(DEFAULT_CONFIG);
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined) continue;
      if (k === 'rules') out.rules = { ...out.rules, ...(v as Config['rules']) };
      else (out as unknown as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}
