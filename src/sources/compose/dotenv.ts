// The env-file syntax Docker Compose reads for `env_file:` (compose-go/dotenv, a godotenv fork):
// `KEY=VALUE` or `KEY: VALUE`, an optional `export ` prefix, `#` comments, single quotes taken
// literally, double quotes with backslash escapes, unquoted values cut at ` #`. Values may span
// lines inside quotes.

/** One variable of an env file, with the offsets of its value as written (quotes included). */
export interface DotenvEntry {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Value after unquoting and escape processing. */
  value: string;
  /** Offsets of the value as written; equal when the value is empty. */
  valueStart: number;
  valueEnd: number;
  /** How the value was written: interpolation (`${X}`, `$X`) happens in unquoted and double-quoted values. */
  quote: 'none' | 'single' | 'double';
  /** A bare `KEY` line: the value comes from the shell environment. */
  inherited: boolean;
}

export interface DotenvProblem {
  offset: number;
  message: string;
}

const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;

export function parseDotenv(text: string): { entries: DotenvEntry[]; problems: DotenvProblem[] } {
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const skipLine = () => {
    const nl = text.indexOf('\n', i);
    i = nl < 0 ? n : nl + 1;
  };
  while (i < n) {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= n) break;
    if (text[i] === '\n' || text[i] === '\r' || text[i] === '#') {
      skipLine();
      continue;
    }
    if (text.startsWith('export ', i) || text.startsWith('export\t', i)) {
      i += 7;
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    }
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) {
      problems.push({ offset: i, message: 'expected a variable name' });
      skipLine();
      continue;
    }
    const name = m[0];
    const nameStart = i;
    const nameEnd = i + name.length;
    i = nameEnd;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= n || text[i] === '\n' || text[i] === '\r' || text[i] === '#') {
      entries.push({ name, nameStart, nameEnd, value: '', valueStart: nameEnd, valueEnd: nameEnd, quote: 'none', inherited: true });
      skipLine();
      continue;
    }
    if (text[i] !== '=' && text[i] !== ':') {
      problems.push({ offset: i, message: `expected '=' after ${name}` });
      skipLine();
      continue;
    }
    i++;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    const q = text[i];
    if (q === "'" || q === '"') {
      const start = i;
      let value = '';
      let j = i + 1;
      let closed = false;
      for (; j < n; j++) {
        const c = text[j]!;
        if (c === q) {
          closed = true;
          break;
        }
        if (q === '"' && c === '\\' && j + 1 < n) {
          const e = text[++j]!;
          value += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e;
          continue;
        }
        value += c;
      }
      if (!closed) {
        problems.push({ offset: start, message: `unterminated ${q === '"' ? 'double' : 'single'}-quoted value of ${name}` });
        i = n;
        continue;
      }
      entries.push({ name, nameStart, nameEnd, value, valueStart: start, valueEnd: j + 1, quote: q === '"' ? 'double' : 'single', inherited: false });
      i = j + 1;
      skipLine();
      continue;
    }
    const nl = text.indexOf('\n', i);
    let end = nl < 0 ? n : nl;
    const hash = text.slice(i, end).search(/(^|[ \t])#/);
    if (hash >= 0) end = i + hash;
    while (end > i && /[ \t\r]/.test(text[end - 1]!)) end--;
    entries.push({ name, nameStart, nameEnd, value: text.slice(i, end), valueStart: i, valueEnd: end, quote: 'none', inherited: false });
    skipLine();
  }
  return { entries, problems };
}

/**
 * Compose interpolation: `$$` is a literal `$`; `${…}` and `$NAME` take values from the shell or
 * the project `.env`, which godrift does not resolve, so such values are not literal.
 */
export function composeInterpolation(value: string): { text: string; literal: boolean } {
  if (!value.includes('$')) return { text: value, literal: true };
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    const nx = value[i + 1];
    if (nx === '$') {
      out += '$';
      i++;
      continue;
    }
    if (nx === '{' || (nx !== undefined && /[A-Za-z_]/.test(nx))) return { text: value, literal: false };
    out += c;
  }
  return { text: out, literal: true };
}
