// Scanned values are hostile until proven otherwise: a value holding ANSI escapes must not
// repaint the user's terminal, and a NUL or CR must not hide the rest of a line.

/** Replaces control characters (C0 but tab, DEL, C1) with visible escapes such as `\x1b`. */
export function escapeTerminal(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Unpaired UTF-16 surrogates (invalid in XML and unsafe in HTML) become U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * Text for HTML element content or a quoted attribute value: control characters made visible
 * (an ANSI escape shows as `\x1b`), then `& < > " '` as entities.
 */
export function escapeHtml(text: string): string {
  return wellFormed(escapeTerminal(text)).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** XML 1.0 allows no C0 controls but tab/LF/CR: the same visible escapes as the terminal, then entities. */
export function escapeXml(text: string): string {
  return wellFormed(escapeTerminal(text)).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Text for GitHub-flavoured Markdown (job summaries, PR comments), inline and in table cells:
 * control characters (newlines included) made visible, HTML entities for `& < >`, a backslash
 * before Markdown punctuation, and `@` as an entity so a scanned value never mentions a user.
 */
export function escapeMarkdown(text: string): string {
  return wellFormed(escapeTerminal(text))
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/[\\`*_{}[\]()#+!|~:]/g, (c) => `\\${c}`)
    .replace(/@/g, '&#64;');
}

/**
 * GitHub Actions workflow commands (`::error file=…::message`): the message escapes `%`, CR and
 * LF; property values also `:` and `,` (GitHub's toolkit, `escapeData` / `escapeProperty`).
 */
export function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeWorkflowProperty(text: string): string {
  return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
