// Offset ↔ line/column conversion for extractors. Positions follow the Position contract in
// types.ts: 1-based lines and columns, 0-based offsets, UTF-16 code units.
import type { Position, Span } from './types.js';

/** Precomputed line starts of one text, for O(log n) offset → position lookups. */
export class LineIndex {
  /** Offsets at which each line starts; lineStarts[0] === 0. */
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  /** Position of a 0-based offset (clamped to the text). */
  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.lineStarts[lo]! + 1, offset: clamped };
  }

  /** Offset of a 1-based line and column. */
  offsetOf(line: number, column: number): number {
    const start = this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!;
    return start + column - 1;
  }

  /** Text of a 1-based line, without its newline (and without a trailing CR). */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Span of [startOffset, endOffset) in `path`. */
  span(path: string, startOffset: number, endOffset: number): Span {
    return { path, start: this.position(startOffset), end: this.position(endOffset) };
  }
}
