// Dockerfile word processing as BuildKit's shell lexer does it for ENV/ARG/FROM: quotes, the
// escape character, line continuations and `$VAR` / `${VAR}` / `${VAR:-x}` / `${VAR:+x}`
// substitution. Everything that cannot be resolved statically makes the value non-literal.

/** A variable visible at some point of a stage: literal value, or unknown (build arg without default). */
export interface DockerVar {
  value: string;
  literal: boolean;
}

export interface ProcessedWord {
  value: string;
  literal: boolean;
}

/**
 * Processes `raw` (text as written, possibly spanning continuation lines) with `vars` in scope.
 * A variable that is not declared at all is unknown too: it may come from the base image.
 */
export function processDockerWord(raw: string, vars: ReadonlyMap<string, DockerVar>, escape: string): ProcessedWord {
  let value = '';
  let literal = true;
  let i = 0;
  const n = raw.length;

  const substitute = (): void => {
    // raw[i] === '$'
    const next = raw[i + 1];
    if (next === '{') {
      const close = findClose(raw, i + 2);
      const inner = raw.slice(i + 2, close);
      i = close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([\s\S]*))?$/.exec(inner);
      if (!m) {
        literal = false;
        return;
      }
      const v = vars.get(m[1]!);
      const op = m[2];
      if (op === undefined) {
        if (!v || !v.literal) literal = false;
        else value += v.value;
        return;
      }
      // Unknown variable: we cannot tell whether it is set.
      if (!v || !v.literal) {
        literal = false;
        return;
      }
      const set = op.startsWith(':') ? v.value !== '' : true;
      const word = processDockerWord(m[3] ?? '', vars, escape);
      if (op.endsWith('-')) {
        if (set) value += v.value;
        else {
          value += word.value;
          literal &&= word.literal;
        }
      } else if (set) {
        value += word.value;
        literal &&= word.literal;
      }
      return;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1));
    if (!m) {
      value += '$';
      i++;
      return;
    }
    const v = vars.get(m[0]);
    if (!v || !v.literal) literal = false;
    else value += v.value;
    i += 1 + m[0].length;
  };

  while (i < n) {
    const c = raw[i]!;
    if (c === escape) {
      const cont = /^[ \t]*\r?\n/.exec(raw.slice(i + 1));
      if (cont) {
        i += 1 + cont[0].length;
        i = skipCommentAndEmptyLines(raw, i);
      } else {
        value += raw[i + 1] ?? '';
        i += 2;
      }
    } else if (c === "'") {
      const q = raw.indexOf("'", i + 1);
      const stop = q < 0 ? n : q;
      value += stripContinuations(raw.slice(i + 1, stop), escape);
      i = stop + 1;
    } else if (c === '"') {
      i++;
      while (i < n && raw[i] !== '"') {
        const d = raw[i]!;
        if (d === escape) {
          const cont = /^[ \t]*\r?\n/.exec(raw.slice(i + 1));
          if (cont) {
            i += 1 + cont[0].length;
            i = skipCommentAndEmptyLines(raw, i);
          } else if (raw[i + 1] === '"' || raw[i + 1] === '$' || raw[i + 1] === escape) {
            value += raw[i + 1];
            i += 2;
          } else {
            value += d;
            i++;
          }
        } else if (d === '$') substitute();
        else {
          value += d;
          i++;
        }
      }
      i++;
    } else if (c === '$') {
      substitute();
    } else {
      value += c;
      i++;
    }
  }
  return { value, literal };
}

/** Index of the `}` closing a `${` whose body starts at `i` (nesting respected). */
function findClose(raw: string, i: number): number {
  let depth = 1;
  for (; i < raw.length; i++) {
    if (raw[i] === '{') depth++;
    else if (raw[i] === '}' && --depth === 0) return i;
  }
  return raw.length;
}

/** Docker drops comment lines and empty lines inside a continued instruction. */
function skipCommentAndEmptyLines(raw: string, i: number): number {
  for (;;) {
    const m = /^[ \t]*(?:#[^\n]*)?\r?\n/.exec(raw.slice(i));
    if (!m) return i;
    i += m[0].length;
  }
}

function stripContinuations(text: string, escape: string): string {
  const e = escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return text.replace(new RegExp(`${e}[ \\t]*\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*`, 'g'), '');
}

/**
 * Docker's logical line for an instruction: continuation escapes (escape char, optional blanks,
 * newline) removed, and comment or empty lines inside the continuation dropped. Returns the text
 * and, for each of its characters, the file offset it came from.
 */
export function logicalLine(text: string, start: number, end: number, escape: string): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (c === escape) {
      const cont = /^[ \t]*\r?\n/.exec(text.slice(i + 1, Math.min(end, i + 256)));
      if (cont) {
        i += 1 + cont[0].length;
        for (;;) {
          const m = /^[ \t]*(?:#[^\n]*)?\r?\n/.exec(text.slice(i, end));
          if (!m) break;
          i += m[0].length;
        }
        continue;
      }
    }
    out += c;
    offsets.push(i);
    i++;
  }
  return { text: out, offsets };
}
