// Whether a path is an image godrift can read, without loading the image reader (tar-stream,
// fzstd): `inspect` and `scan` ask this of many files and most are not images.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FileSource } from '../buildinfo/source.js';
import { indexTar, isTarHeader } from './tar-index.js';

/** Whether a path is an image archive or layout godrift can read (cheap: a few hundred bytes). */
export function looksLikeImage(path: string): boolean {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return existsSync(join(path, 'oci-layout')) && existsSync(join(path, 'index.json'));
    if (st.size < 1024) return false;
    const src = new FileSource(path);
    try {
      const h = src.read(0, 512);
      if (!isTarHeader(h)) return false;
      // Only the first few entries are looked at: archives list blobs/ or manifest.json early,
      // but docker save may put manifest.json last, so a bounded index of the headers decides.
      const entries = indexTar(src);
      return entries.some((e) => e.name === 'manifest.json' || e.name === 'oci-layout' || e.name === 'index.json');
    } finally {
      src.close();
    }
  } catch {
    return false;
  }
}

