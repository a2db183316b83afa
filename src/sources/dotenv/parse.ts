// The `.env` file parser shared by the dotenv extractor, compose `env_file:` and systemd
// `EnvironmentFile=`. The default dialect follows the common denominator of docker compose,
// python-dotenv, Node's dotenv and systemd: `KEY=VALUE`, optional `export `, single quotes
// (verbatim), double quotes (backslash escapes, may span lines), `#` comments on their own line
// and after an unquoted value when preceded by whitespace. The `compose` dialect reads env files
// the way Docker Compose does (compose-go/dotenv, a godotenv fork); see {@link DotenvDialect}.

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
  /**
   * A bare `KEY` line (`compose` dialect only): the value comes from the shell environment. The
   * value is then '' and its offsets both sit at the end of the name.
   */
  inherited: boolean;
}

/** A line that is neither blank, a comment, nor a `KEY=VALUE` entry. */
export interface DotenvError {
  /** Offset of the start of the offending line (`compose` dialect: of the offending token). */
  offset: number;
  message: string;
}

export interface DotenvParse {
  entries: DotenvEntry[];
  errors: DotenvError[];
}

/**
 * `dotenv` (default): the common denominator described at the top of this file.
 * `compose`: Docker Compose `env_file:` (compose-go/dotenv). It differs from the default in that
 * - `KEY: VALUE` is an entry like `KEY=VALUE`, and a bare `KEY` is an entry taken from the shell
 *   ({@link DotenvEntry.inherited});
 * - `;` does not start a comment;
 * - in double quotes only `\n`, `\r`, `\t` are escapes, any other escaped character stands for
 *   itself (so backslash-newline is a newline), and CRLF line breaks are kept;
 * - an unquoted value runs to the line feed (a lone CR is part of it), a `#` right at its start
 *   begins a comment too, and an empty value sits where the value would start;
 * - an unterminated quote ends the file (it swallows the rest), and problems are reported at the
 *   offending token with compose's own wording.
 */
export type DotenvDialect = 'dotenv' | 'compose';

export interface DotenvOptions {
  dialect?: DotenvDialect;
}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const INTERPOLATION = /\$(?:\{[^}]*\}|[A-Za-z_])/;

/** Entries of a `.env` text, in file order (a later duplicate wins, as in every loader). */
export function parseDotenv(text: string, options: DotenvOptions = {}): DotenvEntry[] {
  return parseDotenvDetailed(text, options).entries;
}

/** Entries plus the lines that could not be read. */
export function parseDotenvDetailed(text: string, options: DotenvOptions = {}): DotenvParse {
  const compose = options.dialect === 'compose';
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
    if (c === '#' || (c === ';' && !compose)) {
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
      errors.push(compose ? { offset: i, message: 'expected a variable name' } : { offset: lineStart, message: 'expected NAME=value' });
      i = nextLine(text, i);
      continue;
    }
    const nameStart = i;
    const name = m[0];
    const nameEnd = nameStart + name.length;
    i = skipBlanks(text, nameEnd);
    const bare = i >= n || text[i] === '\n' || text[i] === '\r' || text[i] === '#';
    if (bare && compose) {
      entries.push({ name, value: '', nameStart, valueStart: nameEnd, valueEnd: nameEnd, quote: 'none', interpolates: false, inherited: true });
      i = nextLine(text, i);
      continue;
    }
    if (text[i] !== '=' && !(compose && text[i] === ':')) {
      // `NAME` alone (not an entry in this dialect) or garbage: no value written here.
      if (!bare) errors.push(compose ? { offset: i, message: `expected '=' after ${name}` } : { offset: lineStart, message: `expected "=" after ${name}` });
      i = nextLine(text, i);
      continue;
    }
    const afterEquals = i + 1;
    i = skipBlanks(text, afterEquals);
    let valueStart = i;
    const q = text[i];
    if (q === "'" || q === '"') {
      const kind = q === '"' ? 'double' : 'single';
      const close = findClosingQuote(text, i + 1, q);
      if (close < 0) {
        if (compose) {
          errors.push({ offset: i, message: `unterminated ${kind}-quoted value of ${name}` });
          break;
        }
        errors.push({ offset: lineStart, message: `unterminated ${kind}-quoted value for ${name}` });
        i = nextLine(text, i);
        continue;
      }
      const inner = text.slice(i + 1, close);
      const value = q === "'" ? inner : compose ? unescapeCompose(inner) : unescapeDouble(inner);
      entries.push({
        name,
        value,
        nameStart,
        valueStart,
        valueEnd: close + 1,
        quote: kind,
        interpolates: q === '"' && INTERPOLATION.test(inner.replace(/\\\$/g, '')),
        inherited: false,
      });
      i = nextLine(text, close + 1);
      continue;
    }
    // Unquoted: to the end of the line, minus ` #comment`, minus trailing blanks.
    let end = i;
    while (end < n && text[end] !== '\n' && (compose || text[end] !== '\r')) {
      if (text[end] === '#' && ((compose && end === valueStart) || (end > 0 && /[ \t]/.test(text[end - 1]!)))) break;
      end++;
    }
    let valueEnd = end;
    while (valueEnd > valueStart && /[ \t\r]/.test(text[valueEnd - 1]!)) valueEnd--;
    // An empty value sits right after `=`, not at a following comment.
    if (valueEnd === valueStart && !compose) valueStart = valueEnd = afterEquals;
    const value = text.slice(valueStart, valueEnd);
    entries.push({ name, value, nameStart, valueStart, valueEnd, quote: 'none', interpolates: INTERPOLATION.test(value), inherited: false });
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

/** Double-quoted text as compose-go reads it: `\n`, `\r`, `\t`; any other escaped character is itself. */
function unescapeCompose(inner: string): string {
  return inner.replace(/\\([\s\S])/g, (_, e: string) => (e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e));
}
