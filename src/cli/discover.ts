// Walks the scanned tree: respects .gitignore files (at every level), skips node_modules, vendor,
// testdata and .git, the godrift.yaml `ignore` globs, never follows directory symlinks (no loops) nor
// file symlinks that leave the root, and reports what it could not read as diagnostics.
import { lstatSync, readdirSync, realpathSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { Diagnostic } from '../core/types.js';

/**
 * Directories never entered while walking, whatever .gitignore says (a path named on the command
 * line is still read). `testdata` holds test inputs, often deliberately broken: the go command
 * ignores it (`go help packages`: "Directory and file names that begin with "." or "_" are
 * ignored by the go tool, as are directories named "testdata"."), and scanning Helm's own
 * repository gave 16 diagnostics, all from testdata charts.
 */
export const ALWAYS_SKIPPED: ReadonlySet<string> = new Set(['node_modules', 'vendor', 'testdata', '.git', '.hg', '.svn']);

export interface DiscoveredFile {
  /** Repository-relative, `/`-separated. */
  path: string;
  absolutePath: string;
  size: number;
}

export interface Discovery {
  root: string;
  files: DiscoveredFile[];
  diagnostics: Diagnostic[];
}

interface IgnoreLayer {
  /** Directory (relative to root, '' for the root) whose .gitignore this is. */
  base: string;
  rules: Ignore;
}

function toPosix(p: string): string {
  return p.split(sep).join('/');
}

/**
 * Lists the files under `root` (or only `only`, when the user named files or subdirectories),
 * as repository-relative paths.
 */
export function discover(root: string, ignoreGlobs: readonly string[], only?: readonly string[]): Discovery {
  const files: DiscoveredFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const realRoot = realpathSync(root);
  const userIgnored = ignoreGlobs.length > 0 ? picomatch([...ignoreGlobs], { dot: true }) : () => false;

  const ignoredBy = (layers: IgnoreLayer[], rel: string, isDir: boolean): boolean =>
    layers.some((l) => {
      const sub = l.base === '' ? rel : rel.slice(l.base.length + 1);
      return sub !== '' && l.rules.ignores(isDir ? `${sub}/` : sub);
    });

  const visit = (dirAbs: string, layers: IgnoreLayer[]): void => {
    const rel = toPosix(relative(root, dirAbs));
    let entries: Dirent[];
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({ path: rel || '.', severity: 'warning', code: 'unreadable', message: `cannot read directory: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    let here = layers;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        here = [...layers, { base: rel, rules: ignore().add(readFileSync(join(dirAbs, '.gitignore'), 'utf8')) }];
      } catch {
        // An unreadable .gitignore ignores nothing; the file itself is reported if it matters.
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = join(dirAbs, entry.name);
      const relPath = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name)) continue;
        if (ignoredBy(here, relPath, true) || userIgnored(relPath) || userIgnored(`${relPath}/`)) continue;
        visit(abs, here);
      } else if (entry.isFile()) {
        if (ignoredBy(here, relPath, false) || userIgnored(relPath)) continue;
        try {
          files.push({ path: relPath, absolutePath: abs, size: statSync(abs).size });
        } catch (error) {
          diagnostics.push({ path: relPath, severity: 'warning', code: 'unreadable', message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
        }
      } else if (entry.isSymbolicLink()) {
        if (ignoredBy(here, relPath, false) || userIgnored(relPath)) continue;
        addSymlink(abs, relPath);
      }
    }
  };

  // Symlinked files are read when they stay inside the root; directories behind links are not
  // entered (a loop or a link to / would make the walk endless or leave the repository).
  const addSymlink = (abs: string, relPath: string): void => {
    let target: string;
    try {
      target = realpathSync(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      diagnostics.push({ path: relPath, severity: 'note', code: 'symlink-skipped', message: code === 'ELOOP' ? 'symbolic link loop: skipped' : `broken symbolic link: skipped (${code ?? 'error'})` });
      return;
    }
    const inside = target === realRoot || target.startsWith(realRoot + sep);
    let st;
    try {
      st = statSync(target);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      diagnostics.push({ path: relPath, severity: 'note', code: 'symlink-skipped', message: 'symbolic link to a directory: not followed' });
      return;
    }
    if (!inside) {
      diagnostics.push({ path: relPath, severity: 'note', code: 'symlink-skipped', message: 'symbolic link leaves the scanned tree: skipped' });
      return;
    }
    if (st.isFile()) files.push({ path: relPath, absolutePath: abs, size: st.size });
  };

  if (only && only.length > 0) {
    for (const p of only) {
      const abs = join(root, p);
      let st;
      try {
        st = lstatSync(abs);
      } catch (error) {
        diagnostics.push({ path: toPosix(p), severity: 'error', code: 'unreadable', message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
        continue;
      }
      if (st.isDirectory()) visit(abs, rootIgnoreLayers(root));
      else if (st.isSymbolicLink()) addSymlink(abs, toPosix(relative(root, abs)));
      else files.push({ path: toPosix(relative(root, abs)), absolutePath: abs, size: st.size });
    }
  } else {
    visit(root, []);
  }
  return { root, files, diagnostics };
}

/** The root's .gitignore, for walks that start below the root. */
function rootIgnoreLayers(root: string): IgnoreLayer[] {
  try {
    return [{ base: '', rules: ignore().add(readFileSync(join(root, '.gitignore'), 'utf8')) }];
  } catch {
    return [];
  }
}
