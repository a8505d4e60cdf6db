// Tests that need an outside tool (chromium, dig, wasm2c, gcc) or a service ask here.
// Outside CI (`CI` unset) a missing tool lets the test skip; in CI a missing tool is a failure,
// because `.ci/run` installs every tool the tests use.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const inCI = !!process.env.CI;

/** The absolute path of `cmd` on PATH, or null. */
export function which(cmd: string): string | null {
  if (cmd.startsWith('/')) return existsSync(cmd) ? cmd : null;
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Whether the tests that need `cmd` may run: true when it is there; false (skip) outside CI when it is not;
 * throws in CI when it is not, so a missing install never passes silently.
 */
export function haveTool(cmd: string): boolean {
  if (which(cmd)) return true;
  if (inCI) throw new Error(`${cmd} is missing in CI: .ci/run must install it`);
  return false;
}
