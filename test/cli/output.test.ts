/** The CLI's one CliError / printer: exit codes come from codes (cli/output.ts), and no command makes its own. */
import { describe, it, expect, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, EXIT_CODES, exitCodeOf, out } from '../../bindings/cli/output.ts';

const CMD = join(import.meta.dirname, '../../bindings/cli/commands');

describe('cli/output', () => {
  it('derives exit codes from codes', () => {
    expect(new CliError('x', 'E_BAD_PORT').exitCode).toBe(2);
    expect(new CliError('x', 'E_NODE_NOT_RUNNING').exitCode).toBe(3);
    expect(new CliError('x', 'E_NOT_FOUND').exitCode).toBe(4);
    expect(new CliError('x', 'E_SOMETHING_NEW').exitCode).toBe(1);
    for (const v of Object.values(EXIT_CODES)) expect([1, 2, 3, 4]).toContain(v);
    expect(exitCodeOf('E_OP_REJECTED')).toBe(1);
  });
  it('no command builds its own error object or exit code', () => {
    for (const f of readdirSync(CMD)) {
      const src = readFileSync(join(CMD, f), 'utf8');
      expect(src, f).not.toMatch(/Object\.assign\(new Error|exitCode\s*[:=]/);
      expect(src, f).not.toMatch(/cliError\([^;]*,\s*\d\s*\)/);
    }
  });
  it('prints JSON under --json (bigints as strings), text otherwise', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      out({ json: true }, { n: 10n }, 'text');
      out({}, { n: 1 }, () => 'lazy text');
      expect(log.mock.calls.map((c) => c[0])).toEqual(['{\n  "n": "10"\n}', 'lazy text']);
    } finally {
      log.mockRestore();
    }
  });
});
