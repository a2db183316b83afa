// A small Go lexer: enough to find the package clause, imports, `//go:debug` directives and
// calls with constant arguments without being fooled by comments, strings or raw strings.
// It does not build a syntax tree (see README.md for what that leaves out).

/** Token kinds this extractor cares about; everything else is `op`. */
export type TokenKind = 'ident' | 'int' | 'float' | 'string' | 'rawstring' | 'rune' | 'op' | 'comment';

/** One token. Offsets are 0-based UTF-16 offsets into the file: [start, end). */
export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{Nd}_]/u;
/** Go's three-character and two-character operators, longest first. */
const OPERATORS = ['<<=', '>>=', '&^=', '...', '&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '<<', '>>', '&^', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^='];
/** OPERATORS by first character, in the same order (the lexer runs over all of GOROOT). */
const OPERATORS_BY_FIRST = new Map<string, string[]>();
for (const o of OPERATORS) OPERATORS_BY_FIRST.set(o[0]!, [...(OPERATORS_BY_FIRST.get(o[0]!) ?? []), o]);

/** ASCII fast paths for IDENT_START / IDENT_PART / [0-9]; other characters go to the regexes. */
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
function isIdentStart(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
  return IDENT_START.test(c);
}
function isIdentPart(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || isDigit(code);
  return IDENT_PART.test(c);
}

/**
 * Tokens of a Go file, comments included (line comments without their newline). Never throws:
 * an unterminated string or comment runs to the end of the line or file.
 */
export function lexGo(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') {
      i++;
      continue;
    }
    const start = i;
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      let end = nl < 0 ? n : nl;
      if (end > i && text[end - 1] === '\r') end--;
      out.push({ kind: 'comment', text: text.slice(i, end), start, end });
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      out.push({ kind: 'comment', text: text.slice(i, end), start, end });
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, n);
      out.push({ kind: c === '"' ? 'string' : 'rune', text: text.slice(i, end), start, end });
      i = end;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close < 0 ? n : close + 1;
      out.push({ kind: 'rawstring', text: text.slice(i, end), start, end });
      i = end;
      continue;
    }
    if (isDigit(c.charCodeAt(0)) || (c === '.' && i + 1 < n && isDigit(text.charCodeAt(i + 1)))) {
      let j = i;
      let float = false;
      const hex = c === '0' && /[xX]/.test(text[i + 1] ?? '');
      while (j < n) {
        const d = text[j]!;
        if (/[0-9a-zA-Z_]/.test(d)) {
          if (!hex && /[eE]/.test(d)) float = true;
          if (hex && /[pP]/.test(d)) float = true;
          // exponent sign
          if (float && /[eEpP]/.test(d) && /[+-]/.test(text[j + 1] ?? '')) j++;
          j++;
        } else if (d === '.') {
          float = true;
          j++;
        } else break;
      }
      out.push({ kind: float ? 'float' : 'int', text: text.slice(i, j), start, end: j });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text[j]!)) j++;
      out.push({ kind: 'ident', text: text.slice(i, j), start, end: j });
      i = j;
      continue;
    }
    // Surrogate pairs (letters outside the BMP) are rare in identifiers: treat them as one op.
    const op = OPERATORS_BY_FIRST.get(c)?.find((o) => text.startsWith(o, i)) ?? c;
    out.push({ kind: 'op', text: op, start, end: i + op.length });
    i += op.length;
  }
  return out;
}

/** The value of an interpreted or raw Go string literal; undefined when it is malformed. */
export function goStringValue(tok: Token): string | undefined {
  if (tok.kind === 'rawstring') {
    if (tok.text.length < 2 || !tok.text.endsWith('`')) return undefined;
    // Carriage returns are discarded from raw strings (Go spec, "String literals").
    return tok.text.slice(1, -1).replace(/\r/g, '');
  }
  if (tok.kind !== 'string' || tok.text.length < 2 || !tok.text.endsWith('"')) return undefined;
  const body = tok.text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };
    if (e !== undefined && simple[e] !== undefined) {
      out += simple[e];
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen) {
      const h = body.slice(i + 1, i + 1 + hexLen);
      if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== hexLen) return undefined;
      // \x is a byte; for the ASCII settings we read that is the same as the code point.
      out += String.fromCodePoint(parseInt(h, 16));
      i += hexLen;
      continue;
    }
    if (e !== undefined && /[0-7]/.test(e)) {
      const o = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(o)) return undefined;
      out += String.fromCharCode(parseInt(o, 8));
      i += 2;
      continue;
    }
    return undefined;
  }
  return out;
}

/** Value of a Go integer literal (`1_000`, `0x1p`, `0o17`, `017`, `0b1`); undefined otherwise. */
export function goIntValue(text: string): bigint | undefined {
  const t = text.replace(/_/g, '');
  try {
    if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[bB][01]+$/.test(t)) return BigInt(t);
    if (/^0[oO][0-7]+$/.test(t)) return BigInt('0o' + t.slice(2));
    if (/^0[0-7]+$/.test(t)) return BigInt('0o' + t.slice(1));
    if (/^(0|[1-9][0-9]*)$/.test(t)) return BigInt(t);
  } catch {
    return undefined;
  }
  return undefined;
}
