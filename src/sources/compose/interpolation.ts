// Variable interpolation in compose files and env files (`$$`, `${VAR}`, `$VAR`).

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
