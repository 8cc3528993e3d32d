/**
 * Vitest's global setup: one scratch folder for the whole run. The test processes start after it, with TMPDIR
 * naming it, so every temporary file of the tests — their own, and those of the commands, LibreOffice, Poppler
 * and the browser they start — goes under it (os.tmpdir() reads TMPDIR), and it is removed when the run ends:
 * a run leaves nothing in the system's temporary folder, whichever test forgot to clean up or failed half-way.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'annexes-tests-'));
  // As the system's temporary folder: open to every user (a test runs the command as «nobody»), sticky.
  chmodSync(root, 0o1777);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}
