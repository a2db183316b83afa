// runtime/debug.BuildInfo in TypeScript: ParseBuildInfo, String() and the JSON that
// `go version -m -json` prints (encoding/json MarshalIndent with a tab), byte for byte.
// Reference: $GOROOT/src/runtime/debug/mod.go, go-facts.md §6.2.

/** runtime/debug.Module. */
export interface Module {
  Path: string;
  Version: string;
  Sum: string;
  Replace?: Module;
}

/** runtime/debug.BuildSetting. */
export interface BuildSetting {
  Key: string;
  Value: string;
}

/** runtime/debug.BuildInfo. */
export interface BuildInfo {
  GoVersion: string;
  Path: string;
  Main: Module;
  Deps: Module[];
  Settings: BuildSetting[];
}

export class ParseError extends Error {}

const emptyModule = (): Module => ({ Path: '', Version: '', Sum: '' });

function quoteKey(key: string): boolean {
  return key.length === 0 || /[= \t\r\n"`]/.test(key);
}

function quoteValue(value: string): boolean {
  return /[ \t\r\n"`]/.test(value);
}

/** ParseBuildInfo: the reverse of String(), minus the go line. Error texts are Go's. */
export function parseBuildInfo(data: string): BuildInfo {
  let lineNum = 1;
  const fail = (msg: string): never => {
    throw new ParseError(`could not parse Go build info: line ${lineNum}: ${msg}`);
  };
  const readModuleLine = (elem: string[]): Module => {
    if (elem.length !== 2 && elem.length !== 3) fail(`expected 2 or 3 columns; got ${elem.length}`);
    return { Path: elem[0]!, Version: elem[1]!, Sum: elem.length === 3 ? elem[2]! : '' };
  };
  const bi: BuildInfo = { GoVersion: '', Path: '', Main: emptyModule(), Deps: [], Settings: [] };
  let last: Module | undefined;
  let rest = data;
  while (rest.length > 0) {
    const nl = rest.indexOf('\n');
    if (nl < 0) break;
    const line = rest.slice(0, nl);
    rest = rest.slice(nl + 1);
    if (line.startsWith('path\t')) {
      bi.Path = line.slice(5);
    } else if (line.startsWith('mod\t')) {
      bi.Main = readModuleLine(line.slice(4).split('\t'));
      last = bi.Main;
    } else if (line.startsWith('dep\t')) {
      const m = readModuleLine(line.slice(4).split('\t'));
      bi.Deps.push(m);
      last = m;
    } else if (line.startsWith('=>\t')) {
      const elem = line.slice(3).split('\t');
      if (elem.length !== 3) fail(`expected 3 columns for replacement; got ${elem.length}`);
      if (last === undefined) fail('replacement with no module on previous line');
      last!.Replace = { Path: elem[0]!, Version: elem[1]!, Sum: elem[2]! };
      last = undefined;
    } else if (line.startsWith('build\t')) {
      const kv = line.slice(6);
      if (kv.length < 1) fail("build line missing '='");
      let key: string;
      let rawValue: string;
      if (kv[0] === '=') {
        fail('build line with missing key');
      }
      if (kv[0] === '`' || kv[0] === '"') {
        const rawKey = goQuotedPrefix(kv);
        if (rawKey === undefined) fail('invalid quoted key in build line');
        if (kv.length === rawKey!.length) fail("build line missing '=' after quoted key");
        const c = kv[rawKey!.length]!;
        if (c !== '=') fail(`unexpected character after quoted key: ${goQuoteRune(c)}`);
        key = goUnquote(rawKey!)!;
        rawValue = kv.slice(rawKey!.length + 1);
      } else {
        const eq = kv.indexOf('=');
        if (eq < 0) fail("build line missing '=' after key");
        key = kv.slice(0, eq);
        rawValue = kv.slice(eq + 1);
        if (quoteKey(key)) fail(`unquoted key ${goQuote(key)} must be quoted`);
      }
      let value = '';
      if (rawValue.length > 0) {
        if (rawValue[0] === '`' || rawValue[0] === '"') {
          const v = goUnquote(rawValue);
          if (v === undefined) fail('invalid quoted value in build line');
          value = v!;
        } else {
          value = rawValue;
          if (quoteValue(value)) fail(`unquoted value ${goQuote(value)} must be quoted`);
        }
      }
      bi.Settings.push({ Key: key!, Value: value });
    }
    lineNum++;
  }
  return bi;
}

/** BuildInfo.String(). */
export function buildInfoString(bi: BuildInfo): string {
  let out = '';
  if (bi.GoVersion !== '') out += `go\t${bi.GoVersion}\n`;
  if (bi.Path !== '') out += `path\t${bi.Path}\n`;
  const formatMod = (word: string, m: Module): void => {
    out += `${word}\t${m.Path}\t${m.Version}`;
    if (m.Replace === undefined) out += `\t${m.Sum}`;
    else {
      out += '\n';
      formatMod('=>', m.Replace);
    }
    out += '\n';
  };
  const main = bi.Main;
  if (main.Path !== '' || main.Version !== '' || main.Sum !== '' || main.Replace !== undefined) formatMod('mod', main);
  for (const d of bi.Deps) formatMod('dep', d);
  for (const s of bi.Settings) {
    const key = quoteKey(s.Key) ? goQuote(s.Key) : s.Key;
    const value = quoteValue(s.Value) ? goQuote(s.Value) : s.Value;
    out += `build\t${key}=${value}\n`;
  }
  return out;
}

/** What `go version -m FILE` prints for one binary. */
export function goVersionMText(file: string, bi: BuildInfo): string {
  let out = `${file}: ${bi.GoVersion}\n`;
  const mod = buildInfoString({ ...bi, GoVersion: '' });
  if (mod.length > 0) out += `\t${mod.slice(0, -1).split('\n').join('\n\t')}\n`;
  return out;
}

// ---- strconv.Quote / Unquote / QuotedPrefix ----

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote for a string of valid UTF-8 (what build info holds). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteChar(ch, '"');
  return out + '"';
}

function goQuoteRune(ch: string): string {
  return `'${quoteChar(ch, "'")}'`;
}

function quoteChar(ch: string, quote: string): string {
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (PRINTABLE.test(ch)) return ch;
  switch (ch) {
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
  }
  const cp = ch.codePointAt(0)!;
  if (cp === 0xfffd) return '\\ufffd';
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** strconv.QuotedPrefix: the quoted string at the start of `s`, or undefined. */
export function goQuotedPrefix(s: string): string | undefined {
  const q = s[0];
  if (q === '`') {
    const end = s.indexOf('`', 1);
    if (end < 0) return undefined;
    const body = s.slice(0, end + 1);
    return body.includes('\r') ? body : body;
  }
  if (q !== '"') return undefined;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\n') return undefined;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') {
      const prefix = s.slice(0, i + 1);
      return goUnquote(prefix) === undefined ? undefined : prefix;
    }
  }
  return undefined;
}

/** strconv.Unquote for double-quoted and back-quoted strings; undefined when invalid. */
export function goUnquote(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const q = s[0];
  if (q !== s[s.length - 1]) return undefined;
  const body = s.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) return undefined;
    return body.replace(/\r/g, '');
  }
  if (q !== '"') return undefined;
  let out = '';
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"' || c === '\n') return undefined;
    if (c !== '\\') {
      flush();
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (e === undefined) return undefined;
    if (e in simple) {
      flush();
      out += simple[e];
      continue;
    }
    const hex = (n: number): number | undefined => {
      const h = body.slice(i + 1, i + 1 + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) return undefined;
      i += n;
      return parseInt(h, 16);
    };
    if (e === 'x') {
      const v = hex(2);
      if (v === undefined) return undefined;
      bytes.push(v);
      continue;
    }
    if (e >= '0' && e <= '7') {
      const o = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) return undefined;
      i += 2;
      bytes.push(parseInt(o, 8));
      continue;
    }
    if (e === 'u' || e === 'U') {
      const v = hex(e === 'u' ? 4 : 8);
      if (v === undefined || v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
      flush();
      out += String.fromCodePoint(v);
      continue;
    }
    return undefined;
  }
  flush();
  return out;
}

// ---- encoding/json, as MarshalIndent(bi, "", "\t") writes it ----

/** A JSON string as encoding/json escapes it (HTML-safe: <, >, & and U+2028/9 escaped). */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function moduleJson(m: Module, indent: string): string {
  const inner = indent + '\t';
  const fields: string[] = [];
  if (m.Path !== '') fields.push(`${inner}"Path": ${goJsonString(m.Path)}`);
  if (m.Version !== '') fields.push(`${inner}"Version": ${goJsonString(m.Version)}`);
  if (m.Sum !== '') fields.push(`${inner}"Sum": ${goJsonString(m.Sum)}`);
  if (m.Replace) fields.push(`${inner}"Replace": ${moduleJson(m.Replace, inner)}`);
  return fields.length === 0 ? '{}' : `{\n${fields.join(',\n')}\n${indent}}`;
}

/** `go version -m -json FILE` for one binary (without the trailing newline Go adds). */
export function goVersionMJson(bi: BuildInfo): string {
  const fields: string[] = [];
  if (bi.GoVersion !== '') fields.push(`\t"GoVersion": ${goJsonString(bi.GoVersion)}`);
  if (bi.Path !== '') fields.push(`\t"Path": ${goJsonString(bi.Path)}`);
  fields.push(`\t"Main": ${moduleJson(bi.Main, '\t')}`);
  if (bi.Deps.length > 0) fields.push(`\t"Deps": [\n${bi.Deps.map((d) => `\t\t${moduleJson(d, '\t\t')}`).join(',\n')}\n\t]`);
  if (bi.Settings.length > 0) {
    const s = bi.Settings.map((x) => {
      const f: string[] = [];
      if (x.Key !== '') f.push(`\t\t\t"Key": ${goJsonString(x.Key)}`);
      if (x.Value !== '') f.push(`\t\t\t"Value": ${goJsonString(x.Value)}`);
      return f.length === 0 ? '\t\t{}' : `\t\t{\n${f.join(',\n')}\n\t\t}`;
    });
    fields.push(`\t"Settings": [\n${s.join(',\n')}\n\t]`);
  }
  return `{\n${fields.join(',\n')}\n}`;
}

/** The plain-object form of a BuildInfo with Go's omitempty rules (for godrift's own JSON). */
export function buildInfoJsonValue(bi: BuildInfo): unknown {
  return JSON.parse(goVersionMJson(bi));
}
