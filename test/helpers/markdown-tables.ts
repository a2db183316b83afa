// Markdown tables as GitHub renders them: a row's cells are split at unescaped pipes.
import { expect } from 'vitest';

/** The cell count of each Markdown table, after checking that every row of it has that count. */
export function tableShapes(md: string): number[] {
  const shapes: number[] = [];
  let current: number | undefined;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    const cells = line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length;
    if (current === undefined) shapes.push((current = cells));
    else expect(cells, line).toBe(current);
  }
  return shapes;
}
