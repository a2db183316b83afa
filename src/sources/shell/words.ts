// Shell word values: what a program sees after quote removal, or "not literal" when the word
// holds an expansion godrift cannot resolve.

export interface WordValue {
  /** The value after quote removal; meaningful only when `literal`. */
  value: string;
  /** False when the word contains `$…`, backquotes, or a leading `~` (tilde expansion). */
  literal: boolean;
}

const ANSI_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Decodes a shell word (or the value part of an assignment word) as bash would, without expanding. */
export function decodeWord(raw: string, assignmentValue = false): WordValue {
  let out = '';
  let literal = true;
  let i = 0;
  const n = raw.length;
  if (raw.startsWith('~')) literal = false;
  // In an assignment value, `~` after `:` is expanded too (PATH-like values).
  if (assignmentValue && /:~/.test(raw.replace(/'[^']*'|"[^"]*"/g, ''))) literal = false;
  while (i < n) {
    const c = raw[i]!;
    if (c === '\\') {
      if (raw[i + 1] === '\n') i += 2;
      else {
        out += raw[i + 1] ?? '';
        i += 2;
      }
    } else if (c === "'") {
      const q = raw.indexOf("'", i + 1);
      const stop = q < 0 ? n : q;
      out += raw.slice(i + 1, stop);
      i = stop + 1;
    } else if (c === '"') {
      i++;
      while (i < n && raw[i] !== '"') {
        const d = raw[i]!;
        if (d === '\\' && i + 1 < n && '$`"\\\n'.includes(raw[i + 1]!)) {
          if (raw[i + 1] !== '\n') out += raw[i + 1];
          i += 2;
        } else {
          if (d === '`' || (d === '$' && raw[i + 1] !== '"' && isExpansionStart(raw[i + 1]))) literal = false;
          out += d;
          i++;
        }
      }
      i++;
    } else if (c === '$' && raw[i + 1] === "'") {
      i += 2;
      while (i < n && raw[i] !== "'") {
        if (raw[i] === '\\' && i + 1 < n) {
          const e = raw[i + 1]!;
          const hex = /^x([0-9A-Fa-f]{1,2})/.exec(raw.slice(i + 1));
          const uni = /^[uU]([0-9A-Fa-f]{1,8})/.exec(raw.slice(i + 1));
          const oct = /^[0-7]{1,3}/.exec(raw.slice(i + 1));
          if (hex) {
            out += String.fromCharCode(parseInt(hex[1]!, 16));
            i += 1 + hex[0].length;
          } else if (uni) {
            out += String.fromCodePoint(parseInt(uni[1]!, 16));
            i += 1 + uni[0].length;
          } else if (oct) {
            out += String.fromCharCode(parseInt(oct[0], 8));
            i += 1 + oct[0].length;
          } else {
            out += ANSI_ESCAPES[e] ?? '\\' + e;
            i += 2;
          }
        } else out += raw[i++];
      }
      i++;
    } else if (c === '`' || (c === '$' && isExpansionStart(raw[i + 1]))) {
      literal = false;
      out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return { value: out, literal };
}

function isExpansionStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_{(@*#?$!\-"]/.test(c);
}

/** `NAME=` or `NAME+=` at the start of a word: the name, whether it appends, and where the value starts. */
export function splitAssignment(raw: string): { name: string; append: boolean; valueOffset: number } | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(raw);
  if (!m) return undefined;
  return { name: m[1]!, append: m[2] === '+', valueOffset: m[0].length };
}
