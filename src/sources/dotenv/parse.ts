// A `.env` file parser shared by the dotenv extractor, compose `env_file:` and systemd
// `EnvironmentFile=`. It follows the common denominator of docker compose, python-dotenv,
// Node's dotenv and systemd: `KEY=VALUE`, optional `export `, single quotes (verbatim), double
// quotes (backslash escapes, may span lines), `#` comments on their own line and after an
// unquoted value when preceded by whitespace.

/** One `KEY=VALUE` entry. Offsets are 0-based UTF-16 offsets into the parsed text. */
export interface DotenvEntry {
  name: string;
  /** The value after unquoting and unescaping (what the program sees when nothing interpolates). */
  value: string;
  /** Offset of the first character of the name. */
  nameStart: number;
  /** Offsets of the value as written, quotes included: [valueStart, valueEnd). */
  valueStart: number;
  valueEnd: number;
  /** How the value was written. */
  quote: 'none' | 'single' | 'double';
  /**
   * True when the value holds `$NAME` / `${NAME}` outside single quotes. docker compose and
   * dotenv-expand interpolate those, plain dotenv does not: callers treat such values as not literal.
   */
  interpolates: boolean;
}

/** A line that is neither blank, a comment, nor a `KEY=VALUE` entry. */
export interface DotenvError {
  /** Offset of the start of the offending line. */
  offset: number;
  message: string;
}

export interface DotenvParse {
  entries: DotenvEntry[];
  errors: DotenvError[];
}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const INTERPOLATION = /\$(?:\{[^}]*\}|[A-Za-z_])/;

/** Entries of a `.env` text, in file order (a later duplicate wins, as in every loader). */
export function parseDotenv(text: string): DotenvEntry[] {
  return parseDotenvDetailed(text).entries;
}

/** Entries plus the lines that could not be read. */
export function parseDotenvDetailed(text: string): DotenvParse {
  const entries: DotenvEntry[] = [];
  const errors: DotenvError[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // BOM
  const n = text.length;
  while (i < n) {
    const lineStart = i;
    i = skipBlanks(text, i);
    if (i >= n) break;
    const c = text[i];
    if (c === '\n' || c === '\r') {
      i = nextLine(text, i);
      continue;
    }
    if (c === '#' || c === ';') {
      // `;` comments: systemd EnvironmentFile= accepts them; a `;` cannot start a name anyway.
      i = nextLine(text, i);
      continue;
    }
    if (text.startsWith('export', i) && /[ \t]/.test(text[i + 6] ?? '')) {
      i = skipBlanks(text, i + 6);
    }
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) {
      errors.push({ offset: lineStart, message: 'expected NAME=value' });
      i = nextLine(text, i);
      continue;
    }
    const nameStart = i;
    const name = m[0];
    i = skipBlanks(text, i + name.length);
    if (text[i] !== '=') {
      // `NAME` alone (compose: "take it from the shell") or garbage: no value written here.
      if (i < n && text[i] !== '\n' && text[i] !== '\r' && text[i] !== '#') {
        errors.push({ offset: lineStart, message: `expected "=" after ${name}` });
      }
      i = nextLine(text, i);
      continue;
    }
    const afterEquals = i + 1;
    i = skipBlanks(text, afterEquals);
    let valueStart = i;
    const q = text[i];
    if (q === "'" || q === '"') {
      const close = findClosingQuote(text, i + 1, q);
      if (close < 0) {
        errors.push({ offset: lineStart, message: `unterminated ${q === '"' ? 'double' : 'single'}-quoted value for ${name}` });
        i = nextLine(text, i);
        continue;
      }
      const inner = text.slice(i + 1, close);
      const value = q === '"' ? unescapeDouble(inner) : inner;
      entries.push({
        name,
        value,
        nameStart,
        valueStart,
        valueEnd: close + 1,
        quote: q === '"' ? 'double' : 'single',
        interpolates: q === '"' && INTERPOLATION.test(inner.replace(/\\\$/g, '')),
      });
      i = nextLine(text, close + 1);
      continue;
    }
    // Unquoted: to the end of the line, minus ` #comment`, minus trailing blanks.
    let end = i;
    while (end < n && text[end] !== '\n' && text[end] !== '\r') {
      if (text[end] === '#' && end > 0 && /[ \t]/.test(text[end - 1]!)) break;
      end++;
    }
    let valueEnd = end;
    while (valueEnd > valueStart && /[ \t]/.test(text[valueEnd - 1]!)) valueEnd--;
    // An empty value sits right after `=`, not at a following comment.
    if (valueEnd === valueStart) valueStart = valueEnd = afterEquals;
    const value = text.slice(valueStart, valueEnd);
    entries.push({ name, value, nameStart, valueStart, valueEnd, quote: 'none', interpolates: INTERPOLATION.test(value) });
    i = nextLine(text, end);
  }
  return { entries, errors };
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Offset just after the end of the line holding `i`. */
function nextLine(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

function findClosingQuote(text: string, from: number, q: string): number {
  for (let j = from; j < text.length; j++) {
    if (q === '"' && text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === q) return j;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$', "'": "'" };

function unescapeDouble(inner: string): string {
  let out = '';
  for (let j = 0; j < inner.length; j++) {
    const c = inner[j]!;
    if (c === '\\' && j + 1 < inner.length) {
      const e = inner[j + 1]!;
      if (e === '\n') {
        // backslash-newline: line continuation
        j++;
        continue;
      }
      const mapped = ESCAPES[e];
      if (mapped !== undefined) {
        out += mapped;
        j++;
        continue;
      }
    }
    out += c;
  }
  return out.replace(/\r\n/g, '\n');
}
