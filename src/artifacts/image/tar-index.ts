// An index of an uncompressed tar file (a `docker save` archive, an OCI layout archive), read by
// seeking from header to header: the 512-byte headers are read and the file bodies skipped, so a
// 1 GB archive costs a few hundred reads. tar-stream (used for the layers, which are compressed
// streams) can only read forwards through every byte, which for the outer archive would mean
// reading each layer twice. Handles ustar prefixes, PAX `path`/`size` records and GNU long names.
import type { ByteSource } from '../buildinfo/source.js';

export interface TarEntry {
  name: string;
  /** Offset of the body in the archive. */
  offset: number;
  size: number;
  /** `file`, `directory`, `symlink`, `link` (hard link) or `other`. */
  type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
  linkname: string;
}

export class TarError extends Error {}

/** Most entries an outer image archive may have (a layout has a few dozen). */
const MAX_ENTRIES = 100_000;

function field(b: Buffer, off: number, len: number): string {
  const s = b.subarray(off, off + len);
  const nul = s.indexOf(0);
  return s.toString('utf8', 0, nul < 0 ? len : nul);
}

function octal(b: Buffer, off: number, len: number): number {
  // GNU base-256 for large sizes.
  if ((b[off]! & 0x80) !== 0) {
    let v = 0;
    for (let i = off + 1; i < off + len; i++) v = v * 256 + b[i]!;
    return v;
  }
  const s = field(b, off, len).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarError(`bad number "${s}" in tar header`);
  return parseInt(s, 8);
}

function parsePax(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const sp = rest.indexOf(' ');
    if (sp < 0) break;
    const len = Number(rest.slice(0, sp));
    if (!Number.isInteger(len) || len <= sp) break;
    const rec = rest.slice(sp + 1, len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    rest = rest.slice(len);
  }
  return out;
}

/** Whether the 512 bytes look like a tar header (checksum matches). */
export function isTarHeader(b: Buffer): boolean {
  if (b.length < 512) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : b[i]!;
  let want: number;
  try {
    want = octal(b, 148, 8);
  } catch {
    return false;
  }
  return sum === want && sum !== 8 * 32;
}

/** Lists a tar file's entries. Throws TarError when a header is malformed. */
export function indexTar(src: ByteSource): TarEntry[] {
  const entries: TarEntry[] = [];
  let pos = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (pos + 512 <= src.size) {
    const h = src.read(pos, 512);
    if (h.length < 512) break;
    if (h.every((x) => x === 0)) break;
    if (!isTarHeader(h)) throw new TarError(`bad tar header at offset ${pos}`);
    const typeflag = String.fromCharCode(h[156]!);
    let size = octal(h, 124, 12);
    const body = pos + 512;
    if (body + size > src.size) throw new TarError(`tar entry at offset ${pos} runs past the end of the archive`);
    const next = body + Math.ceil(size / 512) * 512;
    if (typeflag === 'x' || typeflag === 'L' || typeflag === 'K') {
      if (size > 1 << 20) throw new TarError('tar extended header too large');
      const text = src.read(body, size).toString('utf8');
      if (typeflag === 'x') pax = parsePax(text);
      else if (typeflag === 'L') longName = text.replace(/\0+$/, '');
      else longLink = text.replace(/\0+$/, '');
      pos = next;
      continue;
    }
    if (typeflag === 'g') {
      pos = next;
      continue;
    }
    const magic = h.toString('latin1', 257, 262);
    const prefix = magic === 'ustar' ? field(h, 345, 155) : '';
    let name = pax.path ?? longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    const linkname = pax.linkpath ?? longLink ?? field(h, 157, 100);
    if (pax.size !== undefined && /^\d+$/.test(pax.size)) size = Number(pax.size);
    if (body + size > src.size) throw new TarError(`tar entry at offset ${pos} runs past the end of the archive`);
    name = name.replace(/^\.\//, '').replace(/^\/+/, '');
    const type = typeflag === '0' || typeflag === '\0' || typeflag === '7' ? 'file' : typeflag === '5' ? 'directory' : typeflag === '2' ? 'symlink' : typeflag === '1' ? 'link' : 'other';
    entries.push({ name, offset: body, size, type, linkname });
    if (entries.length > MAX_ENTRIES) throw new TarError('too many entries for an image archive');
    pax = {};
    longName = undefined;
    longLink = undefined;
    pos = body + Math.ceil(size / 512) * 512;
  }
  return entries;
}
