// Scanned values are hostile until proven otherwise: a value holding ANSI escapes must not
// repaint the user's terminal, and a NUL or CR must not hide the rest of a line.

/** Replaces control characters (C0 but tab, DEL, C1) with visible escapes such as `\x1b`. */
export function escapeTerminal(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
