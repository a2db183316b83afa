// Executable headers, read by hand: just enough of ELF, PE, Mach-O (and universal), XCOFF, Plan 9
// a.out and WebAssembly to find where debug/buildinfo looks for the build-info blob
// (go-facts.md §6.1; $GOROOT/src/debug/buildinfo/buildinfo.go is the reference), plus the facts
// the artifact rules need (ELF PT_INTERP). Every offset and count read from the file is
// bounds-checked against the file size and capped; nothing here reads more than the headers.
import type { ByteSource } from './source.js';

export type ExeFormat = 'elf' | 'pe' | 'macho' | 'macho-fat' | 'xcoff' | 'plan9' | 'wasm';

/** Where the data that may hold the blob lives, as debug/buildinfo's `DataStart` returns it. */
export interface DataStart {
  addr: number;
  size: number;
  /** `section`: the named section (or PE/XCOFF/Plan 9 data section); `segment`: the writable-segment fallback Go ≤ 1.26 used. */
  how: 'section' | 'segment';
}

/** A file range mapped at a virtual address (a segment, or a section for PE/XCOFF/Plan 9). */
export interface Mapping {
  addr: number;
  /** Bytes present in the file. */
  size: number;
  offset: number;
  name?: string;
}

export interface Exe {
  format: ExeFormat;
  /** The blob's search area per debug/buildinfo, or undefined ("not a Go executable"). */
  dataStart: DataStart | undefined;
  /** Address → file ranges, in the order debug/buildinfo's DataReader tries them. */
  mappings: Mapping[];
  /** Where the slow sentinel scan looks, in order; empty: the whole file from the start. */
  rodata: RecoveryArea[];
  /** ELF PT_INTERP (the dynamic loader a dynamically linked binary needs). */
  interpreter?: string;
  /** Architecture as the header says (`x86-64`, `arm64`, …), when known. */
  machine?: string;
  bigEndian?: boolean;
  bits?: 32 | 64;
  /** Mach-O universal: the architectures inside (debug/buildinfo reads only the first). */
  fatArches?: string[];
  /** PE: a `.go.buildinfo` name does not exist; true when a section has that name anyway. */
  namedBuildinfoSection?: boolean;
  /**
   * Why Go's own parser refuses this file although the blob is where Go would look (a stripped
   * XCOFF file: internal/xcoff's NewFile requires a symbol table), so `go version` cannot read it.
   */
  goRejects?: string;
  /**
   * The section table is there and names no section every Go linker writes (ELF `.gopclntab`,
   * `.note.go.buildid`, `.go.buildinfo`; Mach-O `__gopclntab`, `__go_buildinfo`): not a Go
   * program, so the recovery scan is skipped (shared libraries and C tools in images and repos).
   */
  noGoSections?: boolean;
}

/**
 * A file range the recovery path scans for the modinfo sentinels and the version string, and from
 * which end. The Go linker sorts each data section's symbols by size, so the modinfo string (the
 * largest string) and runtime.buildVersion sit near the end of the read-only data section
 * (esbuild ≥ 0.27: 10–100 KB before the end of `.rodata`/`__rodata`, of 1–2 MB); where the
 * section is not known (PE `.rdata`, which the runtime's pclntab follows) the scan goes forward.
 */
export interface RecoveryArea {
  offset: number;
  size: number;
  from: 'start' | 'end';
}

export class FormatError extends Error {}

/** The largest number of section/segment/load-command entries we accept: real binaries have < 200. */
const MAX_ENTRIES = 4096;
/** The largest header table we read at once. */
const MAX_TABLE = 1 << 20;

class View {
  constructor(
    readonly buf: Buffer,
    readonly big: boolean,
  ) {}
  u8(o: number): number {
    if (o + 1 > this.buf.length) throw new FormatError('header truncated');
    return this.buf[o]!;
  }
  u16(o: number): number {
    if (o + 2 > this.buf.length) throw new FormatError('header truncated');
    return this.big ? this.buf.readUInt16BE(o) : this.buf.readUInt16LE(o);
  }
  u32(o: number): number {
    if (o + 4 > this.buf.length) throw new FormatError('header truncated');
    return this.big ? this.buf.readUInt32BE(o) : this.buf.readUInt32LE(o);
  }
  /** 64-bit values above 2^53 become Infinity: no real offset or address is that large, and ranges built from it fail their checks. */
  u64(o: number): number {
    if (o + 8 > this.buf.length) throw new FormatError('header truncated');
    const v = this.big ? this.buf.readBigUInt64BE(o) : this.buf.readBigUInt64LE(o);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
  }
  cstr(o: number, max: number): string {
    const end = Math.min(this.buf.length, o + max);
    let i = o;
    while (i < end && this.buf[i] !== 0) i++;
    return this.buf.toString('latin1', o, i);
  }
}

function readTable(src: ByteSource, offset: number, count: number, entSize: number, what: string): Buffer {
  if (count > MAX_ENTRIES) throw new FormatError(`${what}: ${count} entries is not plausible`);
  const len = count * entSize;
  if (len > MAX_TABLE) throw new FormatError(`${what}: table of ${len} bytes is not plausible`);
  if (!(offset >= 0) || offset + len > src.size) throw new FormatError(`${what} lies past the end of the file`);
  const buf = src.read(offset, len);
  if (buf.length < len) throw new FormatError(`${what} truncated`);
  return buf;
}

/** Identifies the format from the first 16 bytes, as debug/buildinfo does (plus WebAssembly). */
export function detectFormat(ident: Buffer): ExeFormat | undefined {
  if (ident.length < 4) return undefined;
  const b = (i: number) => ident[i];
  if (b(0) === 0x7f && ident.toString('latin1', 1, 4) === 'ELF') return 'elf';
  if (b(0) === 0x4d && b(1) === 0x5a) return 'pe';
  if ((b(0) === 0xfe && b(1) === 0xed && b(2) === 0xfa) || (b(1) === 0xfa && b(2) === 0xed && b(3) === 0xfe)) return 'macho';
  if (b(0) === 0xca && b(1) === 0xfe && b(2) === 0xba && (b(3) === 0xbe || b(3) === 0xbf)) return 'macho-fat';
  if (b(0) === 0x01 && (b(1) === 0xdf || b(1) === 0xf7)) return 'xcoff';
  const m = ident.readUInt32BE(0);
  if (m === PLAN9_386 || m === PLAN9_AMD64 || m === PLAN9_ARM) return 'plan9';
  if (b(0) === 0 && ident.toString('latin1', 1, 4) === 'asm') return 'wasm';
  return undefined;
}

const PLAN9_MAGIC64 = 0x8000;
const PLAN9_386 = (4 * 11 + 0) * 11 + 7;
const PLAN9_AMD64 = (4 * 26 + 0) * 26 + 7 + PLAN9_MAGIC64;
const PLAN9_ARM = (4 * 20 + 0) * 20 + 7;

/** Reads the headers of an executable. Throws {@link FormatError} when they are malformed. */
export function openExe(src: ByteSource, format: ExeFormat): Exe {
  switch (format) {
    case 'elf':
      return openElf(src);
    case 'pe':
      return openPe(src);
    case 'macho':
      return openMacho(src, 0, src.size);
    case 'macho-fat':
      return openFat(src);
    case 'xcoff':
      return openXcoff(src);
    case 'plan9':
      return openPlan9(src);
    case 'wasm':
      return { format: 'wasm', dataStart: undefined, mappings: [], rodata: wasmData(src) };
  }
}

const ELF_MACHINES: Record<number, string> = { 3: '386', 8: 'mips', 20: 'ppc', 21: 'ppc64', 22: 's390x', 40: 'arm', 62: 'x86-64', 183: 'arm64', 243: 'riscv64', 258: 'loong64' };

function openElf(src: ByteSource): Exe {
  const ident = src.read(0, 64);
  if (ident.length < 52) throw new FormatError('ELF header truncated');
  const cls = ident[4];
  const data = ident[5];
  if (cls !== 1 && cls !== 2) throw new FormatError(`unknown ELF class ${cls}`);
  if (data !== 1 && data !== 2) throw new FormatError(`unknown ELF data encoding ${data}`);
  const is64 = cls === 2;
  const h = new View(ident, data === 2);
  const machine = ELF_MACHINES[h.u16(18)] ?? `machine ${h.u16(18)}`;
  const phoff = is64 ? h.u64(32) : h.u32(28);
  const shoff = is64 ? h.u64(40) : h.u32(32);
  const phentsize = h.u16(is64 ? 54 : 42);
  const phnum = h.u16(is64 ? 56 : 44);
  const shentsize = h.u16(is64 ? 58 : 46);
  let shnum = h.u16(is64 ? 60 : 48);
  let shstrndx = h.u16(is64 ? 62 : 50);
  const minPh = is64 ? 56 : 32;
  const minSh = is64 ? 64 : 40;

  const mappings: Mapping[] = [];
  const rodata: RecoveryArea[] = [];
  let interpreter: string | undefined;
  let segmentData: DataStart | undefined;
  if (phnum > 0) {
    if (phentsize < minPh) throw new FormatError('ELF program header entry too small');
    const t = new View(readTable(src, phoff, phnum, phentsize, 'ELF program headers'), h.big);
    for (let i = 0; i < phnum; i++) {
      const o = i * phentsize;
      const type = t.u32(o);
      const flags = is64 ? t.u32(o + 4) : t.u32(o + 24);
      const offset = is64 ? t.u64(o + 8) : t.u32(o + 4);
      const vaddr = is64 ? t.u64(o + 16) : t.u32(o + 8);
      const filesz = is64 ? t.u64(o + 32) : t.u32(o + 16);
      const memsz = is64 ? t.u64(o + 40) : t.u32(o + 20);
      mappings.push({ addr: vaddr, size: filesz, offset });
      const PT_LOAD = 1;
      const PT_INTERP = 3;
      const PF_X = 1;
      const PF_W = 2;
      const PF_R = 4;
      if (type === PT_LOAD && (flags & (PF_X | PF_W)) === PF_W && segmentData === undefined) segmentData = { addr: vaddr, size: memsz, how: 'segment' };
      if (type === PT_LOAD && flags === PF_R) rodata.push({ offset, size: filesz, from: 'start' });
      if (type === PT_INTERP && filesz > 0 && filesz < 4096 && offset + filesz <= src.size) {
        interpreter = src.read(offset, filesz).toString('latin1').replace(/\0.*$/s, '');
      }
    }
  }
  let dataStart: DataStart | undefined;
  let noGoSections = false;
  if (shoff !== 0 && shentsize >= minSh) {
    // Extended numbering: the real counts live in section 0 (debug/elf does the same).
    if (shnum === 0 || shstrndx === 0xffff) {
      const s0 = new View(readTable(src, shoff, 1, shentsize, 'ELF section header 0'), h.big);
      if (shnum === 0) shnum = is64 ? s0.u64(32) : s0.u32(20);
      if (shstrndx === 0xffff) shstrndx = s0.u32(is64 ? 44 : 28);
    }
    if (shnum > 0) {
      const t = new View(readTable(src, shoff, shnum, shentsize, 'ELF section headers'), h.big);
      if (shstrndx >= shnum) throw new FormatError('ELF section name table index out of range');
      const so = shstrndx * shentsize;
      const strOff = is64 ? t.u64(so + 24) : t.u32(so + 16);
      const strSize = is64 ? t.u64(so + 32) : t.u32(so + 20);
      // Only the names are needed, and only to find ".go.buildinfo": read the table once, capped.
      const names = strOff + Math.min(strSize, 65536) <= src.size ? src.read(strOff, Math.min(strSize, 65536)) : Buffer.alloc(0);
      const nv = new View(names, false);
      let goSection = false;
      for (let i = 0; i < shnum; i++) {
        const o = i * shentsize;
        const nameOff = t.u32(o);
        if (nameOff >= names.length) continue;
        const name = nv.cstr(nameOff, 64);
        if (name === '.gopclntab' || name === '.note.go.buildid') goSection = true;
        if (name === '.go.buildinfo') {
          goSection = true;
          dataStart = { addr: is64 ? t.u64(o + 16) : t.u32(o + 12), size: is64 ? t.u64(o + 32) : t.u32(o + 20), how: 'section' };
          break;
        }
        // Recovery looks in .rodata first, from its end (then the read-only segments).
        if (name === '.rodata') rodata.unshift({ offset: is64 ? t.u64(o + 24) : t.u32(o + 16), size: is64 ? t.u64(o + 32) : t.u32(o + 20), from: 'end' });
      }
      noGoSections = !goSection && names.length > 0;
    }
  }
  return {
    format: 'elf',
    dataStart: dataStart ?? segmentData,
    mappings,
    rodata,
    ...(interpreter !== undefined ? { interpreter } : {}),
    machine,
    bigEndian: h.big,
    bits: is64 ? 64 : 32,
    ...(noGoSections ? { noGoSections } : {}),
  };
}

const PE_MACHINES: Record<number, string> = { 0x14c: '386', 0x8664: 'amd64', 0x1c4: 'arm', 0xaa64: 'arm64' };

function openPe(src: ByteSource): Exe {
  const dos = src.read(0, 64);
  if (dos.length < 64) throw new FormatError('DOS header truncated');
  const lfanew = dos.readUInt32LE(0x3c);
  const hdr = src.read(lfanew, 24);
  if (hdr.length < 24 || hdr.toString('latin1', 0, 4) !== 'PE\0\0') throw new FormatError('no PE signature');
  const h = new View(hdr, false);
  const machine = PE_MACHINES[h.u16(4)] ?? `machine 0x${h.u16(4).toString(16)}`;
  const nsect = h.u16(6);
  const optSize = h.u16(20);
  let imageBase = 0;
  let bits: 32 | 64 = 32;
  if (optSize > 0) {
    const opt = new View(src.read(lfanew + 24, Math.min(optSize, 32)), false);
    const magic = opt.u16(0);
    if (magic === 0x10b) imageBase = opt.u32(28);
    else if (magic === 0x20b) {
      imageBase = opt.u64(24);
      bits = 64;
    }
  }
  const t = new View(readTable(src, lfanew + 24 + optSize, nsect, 40, 'PE section table'), false);
  const mappings: Mapping[] = [];
  let dataStart: DataStart | undefined;
  const rodata: RecoveryArea[] = [];
  for (let i = 0; i < nsect; i++) {
    const o = i * 40;
    const name = t.cstr(o, 8);
    const vsize = t.u32(o + 8);
    const vaddr = t.u32(o + 12);
    const rawSize = t.u32(o + 16);
    const rawPtr = t.u32(o + 20);
    const chars = t.u32(o + 36);
    // debug/buildinfo maps addresses with the section's raw size (pe.Section.Size).
    mappings.push({ addr: vaddr + imageBase, size: rawSize, offset: rawPtr, name });
    const IMAGE_SCN_ALIGN_32BYTES = 0x600000;
    const WANT = (0x40 | 0x40000000 | 0x80000000) >>> 0;
    if (dataStart === undefined && vaddr !== 0 && rawSize !== 0 && ((chars & ~IMAGE_SCN_ALIGN_32BYTES) >>> 0) === WANT) {
      dataStart = { addr: vaddr + imageBase, size: vsize, how: 'section' };
    }
    if (name === '.rdata') rodata.push({ offset: rawPtr, size: rawSize, from: 'start' });
  }
  return { format: 'pe', dataStart, mappings, rodata, machine, bigEndian: false, bits };
}

const MACHO_CPUS: Record<number, string> = { 7: '386', 0x01000007: 'amd64', 12: 'arm', 0x0100000c: 'arm64', 18: 'ppc', 0x01000012: 'ppc64' };

function openFat(src: ByteSource): Exe {
  const h = new View(src.read(0, 8), true);
  const fat64 = h.u32(0) === 0xcafebabf;
  const n = h.u32(4);
  // Java class files share 0xcafebabe; their "count" (the class version) is ≥ 45.
  if (n === 0 || n > 32) throw new FormatError('not a universal binary');
  const ent = fat64 ? 32 : 20;
  const t = new View(readTable(src, 8, n, ent, 'universal header'), true);
  const arches: Array<{ cpu: string; offset: number; size: number }> = [];
  for (let i = 0; i < n; i++) {
    const o = i * ent;
    const cpu = t.u32(o);
    arches.push({ cpu: MACHO_CPUS[cpu] ?? `cpu ${cpu}`, offset: fat64 ? t.u64(o + 8) : t.u32(o + 8), size: fat64 ? t.u64(o + 16) : t.u32(o + 12) });
  }
  const first = arches[0]!;
  if (first.offset + first.size > src.size) throw new FormatError('universal binary member lies past the end of the file');
  const exe = openMacho(src, first.offset, first.size);
  return { ...exe, format: 'macho-fat', fatArches: arches.map((a) => a.cpu) };
}

function openMacho(src: ByteSource, base: number, size: number): Exe {
  const head = src.read(base, 32);
  if (head.length < 28) throw new FormatError('Mach-O header truncated');
  const be = head[0] === 0xfe;
  const h = new View(head, be);
  const magic = h.u32(0);
  const is64 = magic === 0xfeedfacf;
  if (!is64 && magic !== 0xfeedface) throw new FormatError('bad Mach-O magic');
  const machine = MACHO_CPUS[h.u32(4)] ?? `cpu ${h.u32(4)}`;
  const ncmds = h.u32(16);
  const sizeofcmds = h.u32(20);
  const hdrSize = is64 ? 32 : 28;
  if (ncmds > MAX_ENTRIES || sizeofcmds > MAX_TABLE || hdrSize + sizeofcmds > size) throw new FormatError('Mach-O load commands past the end of the file');
  const cmds = src.read(base + hdrSize, sizeofcmds);
  if (cmds.length < sizeofcmds) throw new FormatError('Mach-O load commands truncated');
  const c = new View(cmds, be);
  const mappings: Mapping[] = [];
  const rodata: RecoveryArea[] = [];
  const rodataSections: RecoveryArea[] = [];
  let section: DataStart | undefined;
  let segment: DataStart | undefined;
  let sections = 0;
  let goSection = false;
  let o = 0;
  for (let i = 0; i < ncmds; i++) {
    if (o + 8 > cmds.length) throw new FormatError('Mach-O load command truncated');
    const cmd = c.u32(o);
    const len = c.u32(o + 4);
    if (len < 8 || o + len > cmds.length) throw new FormatError('Mach-O load command has a bad size');
    const LC_SEGMENT = 0x1;
    const LC_SEGMENT_64 = 0x19;
    if (cmd === LC_SEGMENT || cmd === LC_SEGMENT_64) {
      const s64 = cmd === LC_SEGMENT_64;
      const name = c.cstr(o + 8, 16);
      const addr = s64 ? c.u64(o + 24) : c.u32(o + 24);
      const memsz = s64 ? c.u64(o + 32) : c.u32(o + 28);
      const fileoff = s64 ? c.u64(o + 40) : c.u32(o + 32);
      const filesz = s64 ? c.u64(o + 48) : c.u32(o + 36);
      const maxprot = c.u32(o + (s64 ? 56 : 40));
      const prot = c.u32(o + (s64 ? 60 : 44));
      const nsects = c.u32(o + (s64 ? 64 : 48));
      if (name !== '__PAGEZERO') mappings.push({ addr, size: filesz, offset: base + fileoff, name });
      if (segment === undefined && addr !== 0 && filesz !== 0 && prot === 3 && maxprot === 3) segment = { addr, size: memsz, how: 'segment' };
      if (name === '__TEXT' || name === '__DATA_CONST') rodata.push({ offset: base + fileoff, size: filesz, from: 'start' });
      const secSize = s64 ? 80 : 68;
      let so = o + (s64 ? 72 : 56);
      for (let j = 0; j < nsects && j < MAX_ENTRIES; j++, so += secSize) {
        if (so + secSize > o + len) throw new FormatError('Mach-O section header truncated');
        const sectName = c.cstr(so, 16);
        sections++;
        if (sectName === '__gopclntab' || sectName === '__go_buildinfo') goSection = true;
        if (section === undefined && sectName === '__go_buildinfo') {
          section = { addr: s64 ? c.u64(so + 32) : c.u32(so + 32), size: s64 ? c.u64(so + 40) : c.u32(so + 36), how: 'section' };
        }
        // section_64: sectname, segname, addr(8), size(8), offset(4); section: addr(4), size(4), offset(4).
        if (sectName === '__rodata') rodataSections.push({ offset: base + c.u32(so + (s64 ? 48 : 40)), size: s64 ? c.u64(so + 40) : c.u32(so + 36), from: 'end' });
      }
    }
    o += len;
  }
  return { format: 'macho', dataStart: section ?? segment, mappings, rodata: [...rodataSections, ...rodata], machine, bigEndian: be, bits: is64 ? 64 : 32, ...(sections > 0 && !goSection ? { noGoSections: true } : {}) };
}

function openXcoff(src: ByteSource): Exe {
  const head = src.read(0, 24);
  const h = new View(head, true);
  const is64 = h.u16(0) === 0x01f7;
  const nscns = h.u16(2);
  // File header: 32-bit magic,nscns,timdat,symptr(4),nsyms(4),opthdr,flags; 64-bit
  // magic,nscns,timdat,symptr(8),opthdr,flags,nsyms(4) ($GOROOT/src/internal/xcoff/xcoff.go).
  const symptr = is64 ? h.u64(8) : h.u32(8);
  const nsyms = is64 ? h.u32(20) : h.u32(12);
  const opthdr = h.u16(16);
  const hdrSize = is64 ? 24 : 20;
  const ent = is64 ? 72 : 40;
  const t = new View(readTable(src, hdrSize + opthdr, nscns, ent, 'XCOFF section headers'), true);
  const mappings: Mapping[] = [];
  const rodata: RecoveryArea[] = [];
  let dataStart: DataStart | undefined;
  for (let i = 0; i < nscns; i++) {
    const o = i * ent;
    const name = t.cstr(o, 8);
    const vaddr = is64 ? t.u64(o + 16) : t.u32(o + 12);
    const size = is64 ? t.u64(o + 24) : t.u32(o + 16);
    const scnptr = is64 ? t.u64(o + 32) : t.u32(o + 20);
    const flags = is64 ? t.u32(o + 64) : t.u32(o + 36);
    mappings.push({ addr: vaddr, size, offset: scnptr, name });
    const STYP_TEXT = 0x20;
    const STYP_DATA = 0x40;
    if (dataStart === undefined && flags === STYP_DATA) dataStart = { addr: vaddr, size, how: 'section' };
    // Go's AIX linker puts read-only data in .text after the code, followed by the pclntab.
    if (flags === STYP_TEXT) rodata.push({ offset: scnptr, size, from: 'end' });
  }
  // internal/xcoff.NewFile fails with "no symbol table" when symptr or nsyms is 0 (esbuild's AIX
  // binaries are stripped), and debug/buildinfo then says "unrecognized file format".
  const goRejects = symptr === 0 || nsyms === 0 ? 'no symbol table: Go\'s XCOFF parser rejects the file' : undefined;
  return { format: 'xcoff', dataStart, mappings, rodata, machine: 'ppc64', bigEndian: true, bits: is64 ? 64 : 32, ...(goRejects ? { goRejects } : {}) };
}

function openPlan9(src: ByteSource): Exe {
  const head = src.read(0, 40);
  const h = new View(head, true);
  const magic = h.u32(0);
  let hdr = 32;
  if (magic & PLAN9_MAGIC64) {
    h.u64(32);
    hdr = 40;
  }
  const names = ['text', 'data', 'syms', 'spsz', 'pcsz'];
  const sizes = [h.u32(4), h.u32(8), h.u32(16), h.u32(24), h.u32(28)];
  // Plan 9 sections are addressed by file offset in debug/buildinfo.
  const mappings: Mapping[] = [];
  let off = hdr;
  for (let i = 0; i < names.length; i++) {
    mappings.push({ addr: off, size: sizes[i]!, offset: off, name: names[i]! });
    off += sizes[i]!;
  }
  const data = mappings[1]!;
  const text = mappings[0]!;
  const machine = magic === PLAN9_AMD64 ? 'amd64' : magic === PLAN9_386 ? '386' : 'arm';
  return { format: 'plan9', dataStart: { addr: data.addr, size: data.size, how: 'section' }, mappings, rodata: [{ offset: text.offset, size: text.size, from: 'end' }], machine, bigEndian: true, bits: magic & PLAN9_MAGIC64 ? 64 : 32 };
}

/**
 * WebAssembly: the data section (id 11), found by walking the section headers (id byte, LEB128
 * size); the Go linker writes the version and modinfo strings into it. Empty when the headers do
 * not add up (the recovery path then scans the whole file).
 */
function wasmData(src: ByteSource): RecoveryArea[] {
  let at = 8;
  for (let n = 0; n < 64 && at < src.size; n++) {
    const h = src.read(at, 6);
    if (h.length < 2) break;
    let size = 0;
    let i = 1;
    for (let shift = 1; i < h.length; i++, shift *= 128) {
      size += (h[i]! & 0x7f) * shift;
      if (h[i]! < 0x80) break;
    }
    if (i >= h.length) break;
    const body = at + i + 1;
    if (body + size > src.size) break;
    // Forward: the data segments start with read-only data (esbuild-wasm's strings are 1.2 MB
    // into a 3.8 MB data section, with the pclntab and writable data after them).
    if (h[0] === 11) return [{ offset: body, size, from: 'start' }];
    at = body + size;
  }
  return [];
}
