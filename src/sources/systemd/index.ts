// systemd service units (`*.service`) and their drop-ins (`*.service.d/*.conf`): `Environment=`
// assignments and the env files named by `EnvironmentFile=` when they are in the repository.
// Quoting follows systemd's config_parse_environ: lines ending in `\` continue (the backslash
// becomes a space), each assignment is one word of extract_first_word(EXTRACT_UNQUOTE |
// EXTRACT_CUNESCAPE), then unit specifiers (`%h`, `%i`, …) are expanded.
import { LineIndex } from '../../core/text.js';
import type { Diagnostic, Observation, ScopeLevel } from '../../core/types.js';
import { assignmentObservations } from '../common/assignments.js';
import { dirOf, joinPath } from '../common/paths.js';
import { dotenvFileResult } from '../dotenv/index.js';
import type { Extractor, ExtractResult, SourceContext, SourceFile } from '../types.js';

/** A unit-file line after joining continuations: its characters and their file offsets. */
interface LogicalLine {
  text: string;
  /** offsets[i] is the file offset of text[i]; offsets[text.length] is the end of the line. */
  offsets: number[];
}

/** One whitespace-separated word of an `Environment=` value. Indices are into the logical line. */
interface Word {
  /** The word after unquoting and unescaping. */
  value: string;
  /** Logical index of the raw character each value character came from. */
  from: number[];
  rawStart: number;
  rawEnd: number;
  /** Quoted sections as [open, close] logical indices of the quote characters. */
  quotes: [number, number][];
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const C_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', s: ' ', '\\': '\\', '"': '"', "'": "'" };

export function isSystemdUnitPath(path: string): boolean {
  return /\.service$/.test(path) || /(^|\/)[^/]+\.service\.d\/[^/]+\.conf$/.test(path);
}

/** The unit a file configures: `app.service` for `app.service` and `app.service.d/10-env.conf`. */
export function unitName(path: string): string {
  const parts = path.split('/');
  const file = parts[parts.length - 1]!;
  if (file.endsWith('.conf') && parts.length >= 2) return parts[parts.length - 2]!.replace(/\.d$/, '');
  return file;
}

/** Logical lines of a unit file (continuations joined, comment lines dropped). */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    // strstrip(): leading and trailing whitespace (CR included) is not part of the line.
    let s = pos;
    let e = lineEnd;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    // Comment lines are skipped, also inside a continuation (systemd does the same).
    const isComment = text[s] === '#' || text[s] === ';';
    if (!isComment) {
      if (!current) current = { text: '', offsets: [] };
      const continued = e > s && text[e - 1] === '\\';
      const contentEnd = continued ? e - 1 : e;
      for (let k = s; k < contentEnd; k++) {
        current.text += text[k];
        current.offsets.push(k);
      }
      if (continued) {
        current.text += ' ';
        current.offsets.push(e - 1);
      } else {
        current.offsets.push(contentEnd);
        out.push(current);
        current = undefined;
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  if (current) {
    current.offsets.push(current.offsets[current.offsets.length - 1] ?? text.length);
    out.push(current);
  }
  return out;
}

/** systemd extract_first_word with UNQUOTE|CUNESCAPE over [from, to) of a logical line. */
function splitWords(line: string, from: number, to: number): { words: Word[]; error?: { at: number; message: string } } {
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && /\s/.test(line[i]!)) i++;
    if (i >= to) break;
    const word: Word = { value: '', from: [], rawStart: i, rawEnd: i, quotes: [] };
    let quote: string | undefined;
    let quoteOpen = -1;
    while (i < to) {
      const c = line[i]!;
      if (!quote && /\s/.test(c)) break;
      if (c === '\\') {
        const e = line[i + 1];
        if (e === undefined || i + 1 >= to) return { words, error: { at: i, message: 'trailing backslash' } };
        const mapped = C_ESCAPES[e];
        let len = 2;
        let ch: string = mapped ?? e;
        const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (hex) {
          const h = line.slice(i + 2, i + 2 + hex);
          if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== hex) return { words, error: { at: i, message: `invalid escape "\\${e}"` } };
          ch = String.fromCodePoint(parseInt(h, 16));
          len += hex;
        } else if (/[0-7]/.test(e)) {
          const o = line.slice(i + 1, i + 4);
          if (!/^[0-7]{3}$/.test(o)) return { words, error: { at: i, message: `invalid escape "\\${o}"` } };
          ch = String.fromCharCode(parseInt(o, 8));
          len = 4;
        }
        word.value += ch;
        for (let k = 0; k < ch.length; k++) word.from.push(i);
        i += len;
        continue;
      }
      if (quote) {
        if (c === quote) {
          word.quotes.push([quoteOpen, i]);
          quote = undefined;
        } else {
          word.value += c;
          word.from.push(i);
        }
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        quote = c;
        quoteOpen = i;
        i++;
        continue;
      }
      word.value += c;
      word.from.push(i);
      i++;
    }
    if (quote) return { words, error: { at: quoteOpen, message: 'unterminated quote' } };
    word.rawEnd = i;
    words.push(word);
  }
  return { words };
}

/** Expands `%%`; undefined when another specifier makes the value depend on the host. */
function withoutSpecifiers(value: string): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '%') {
      out += value[i];
      continue;
    }
    if (value[i + 1] !== '%') return undefined;
    out += '%';
    i++;
  }
  return out;
}

/** Observations of one unit file and of the in-repository env files it names. */
export function extractSystemdUnit(path: string, text: string, context: SourceContext | undefined): ExtractResult {
  const lines = new LineIndex(text);
  const observations: Observation[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (offset: number, message: string, code = 'parse-error', severity: Diagnostic['severity'] = 'warning'): void => {
    const p = lines.position(offset);
    diagnostics.push({ path, line: p.line, column: p.column, message, severity, code });
  };
  const scope: ScopeLevel[] = [{ kind: 'unit', name: unitName(path) }];
  let section = '';
  for (const line of logicalLines(text)) {
    const t = line.text;
    if (t === '') continue;
    if (t.startsWith('[')) {
      section = t.endsWith(']') ? t.slice(1, -1) : '';
      continue;
    }
    if (section !== 'Service') continue;
    const eq = t.indexOf('=');
    if (eq < 0) continue;
    const key = t.slice(0, eq).trim();
    let vs = eq + 1;
    while (vs < t.length && /\s/.test(t[vs]!)) vs++;
    if (key === 'Environment') {
      const { words, error } = splitWords(t, vs, t.length);
      if (error) problem(line.offsets[error.at]!, `Environment=: ${error.message}; systemd ignores the rest of the line`);
      for (const w of words) {
        const weq = w.value.indexOf('=');
        const name = weq < 0 ? w.value : w.value.slice(0, weq);
        if (weq < 0 || !ENV_NAME.test(name)) {
          problem(line.offsets[w.rawStart]!, `Environment=: "${w.value}" is not a NAME=value assignment; systemd ignores it`);
          continue;
        }
        const raw = w.value.slice(weq + 1);
        const expanded = withoutSpecifiers(raw);
        const eqRaw = w.from[weq]!;
        let rawValueEnd = w.rawEnd;
        // `"NAME=v a l"`: the quotes wrap the whole assignment, so the value's span stops before
        // the closing quote; `NAME="v a l"` keeps its quotes, as other formats' spans do.
        const wrapping = w.quotes.find(([open, close]) => open < eqRaw && close === w.rawEnd - 1);
        if (wrapping) rawValueEnd = wrapping[1];
        observations.push(
          ...assignmentObservations({
            path,
            lines,
            name,
            value: expanded ?? raw,
            valueStart: line.offsets[eqRaw]! + 1,
            valueEnd: rawValueEnd > eqRaw + 1 ? line.offsets[rawValueEnd - 1]! + 1 : line.offsets[eqRaw]! + 1,
            literal: expanded !== undefined,
            origin: 'systemd-env',
            scope,
            phase: 'run',
          }),
        );
      }
    } else if (key === 'EnvironmentFile') {
      let file = t.slice(vs).trim();
      if (file === '') continue; // resets the list
      if (file.startsWith('-')) file = file.slice(1);
      // Absolute paths name the target machine's files (/etc/default/app): not in the repository.
      // Paths with specifiers cannot be resolved statically. Neither yields facts.
      if (file.startsWith('/') || file.includes('%') || !context) continue;
      const envPath = joinPath(dirOf(path), file);
      const envText = envPath === undefined ? undefined : context.readFile(envPath);
      if (envPath === undefined || envText === undefined) {
        problem(line.offsets[vs]!, `EnvironmentFile=${file} not found in the repository`, 'missing-file', 'note');
        continue;
      }
      const r = dotenvFileResult(envPath, envText, { origin: 'systemd-env-file', scope, phase: 'run' });
      observations.push(...r.observations);
      diagnostics.push(...r.diagnostics);
    }
  }
  return { observations, diagnostics };
}

export const systemdExtractor: Extractor = {
  id: 'systemd',
  matches: (path) => isSystemdUnitPath(path),
  extract(file: SourceFile, context: SourceContext): ExtractResult {
    return extractSystemdUnit(file.path, file.text, context);
  },
};
