// The artifact side of `godrift scan`: picks Go binaries and image archives/layouts out of the
// discovered files, reads them (headers and build info only, never whole files: a 2 GB file costs
// a few KB), and returns their observations. Files handled here are kept away from the text
// extractors, so they produce no "binary content" diagnostic.
import { extname } from 'node:path';
import type { Diagnostic, Observation } from '../core/types.js';
import { artifactObservations, looksExecutable, looksTar, readArtifact, readHead, type Artifact } from './index.js';

export interface ArtifactFile {
  path: string;
  absolutePath: string;
  size: number;
}

/** Extensions that may hold an executable or an image archive; files without an extension are checked too. */
const CANDIDATE_EXTENSIONS = new Set(['.exe', '.dll', '.so', '.bin', '.wasm', '.tar', '.out', '.elf', '.app']);

export interface ArtifactScan {
  artifacts: Artifact[];
  observations: Observation[];
  diagnostics: Diagnostic[];
  /** Repository-relative paths handled here (text extractors skip them). */
  handled: Set<string>;
}

/** Whether a file could be an artifact, from its name alone. */
export function artifactCandidate(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const ext = extname(base).toLowerCase();
  return ext === '' || CANDIDATE_EXTENSIONS.has(ext) || base === 'oci-layout' || /\.so\.\d/.test(base);
}

export async function scanArtifacts(files: readonly ArtifactFile[], options: { platform?: string } = {}): Promise<ArtifactScan> {
  const result: ArtifactScan = { artifacts: [], observations: [], diagnostics: [], handled: new Set() };
  // OCI layout directories: the folder holding `oci-layout`; its blobs are not scanned one by one.
  const layoutDirs = new Set<string>();
  for (const f of files) if (f.path === 'oci-layout' || f.path.endsWith('/oci-layout')) layoutDirs.add(f.path.slice(0, -'oci-layout'.length));
  const inLayout = (p: string) => [...layoutDirs].some((d) => p.startsWith(d));
  for (const dir of layoutDirs) {
    const marker = files.find((f) => f.path === `${dir}oci-layout`)!;
    const abs = marker.absolutePath.slice(0, -'oci-layout'.length) || '.';
    const display = dir === '' ? '.' : dir.replace(/\/$/, '');
    const a = await readArtifact(abs, display, options, true);
    if (a) record(result, a);
  }
  for (const f of files) {
    if (inLayout(f.path)) {
      result.handled.add(f.path);
      continue;
    }
    if (f.size < 64 || !artifactCandidate(f.path)) continue;
    const head = readHead(f.absolutePath);
    if (!head || !(looksExecutable(head) || looksTar(head))) continue;
    result.handled.add(f.path);
    const a = await readArtifact(f.absolutePath, f.path, options);
    if (a) record(result, a);
  }
  return result;
}

function record(result: ArtifactScan, a: Artifact): void {
  result.artifacts.push(a);
  if (a.kind === 'error') {
    if (a.candidate && !/not a Go executable|unrecognized file format/.test(a.message)) {
      result.diagnostics.push({ path: a.path, severity: 'warning', code: 'artifact-unreadable', message: a.message });
    }
    return;
  }
  result.observations.push(...artifactObservations(a));
  if (a.kind === 'image') {
    for (const u of a.image.unreadable) result.diagnostics.push({ path: a.path, severity: 'warning', code: 'artifact-unreadable', message: `${u.path}: ${u.message}` });
  }
}
