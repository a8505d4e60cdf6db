/**
 * `blockstack verify-consensus PATH...` (the interface other tools rely on): replays vector files or
 * directories, prints one line per mismatching block then `N/M blocks match`, exit 0 only if all match.
 * Runs the built CLI (dist/cli.js, rebuilt by `npm test`) and the command function in-process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyConsensusFiles } from '../../bindings/cli/commands/verify-consensus.ts';
import { SM_DIR, readJson } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/blockstack.js'), 'verify-consensus', ...args], { encoding: 'utf8', cwd: ROOT, timeout: 120_000 });
}

describe('verify-consensus', () => {
  it('all 87 shipped files match (in-process, well under 30 s)', () => {
    const t = performance.now();
    const s = verifyConsensusFiles([SM_DIR]);
    expect(s.files).toBe(87);
    expect(s.lines).toEqual([]);
    expect(`${s.matching}/${s.blocks}`).toBe('1189/1189');
    expect(performance.now() - t).toBeLessThan(30_000);
  });

  it('reports tampered files block by block (and ignores provenance)', () => {
    const v = readJson(SM_DIR + '0.14.1__name_import.json');
    v.blocks[3].expected.consensus_hash = 'ff'.repeat(16);
    delete v.provenance;
    const p = join(dir, 'tampered.json');
    writeFileSync(p, JSON.stringify(v));
    const good = join(SM_DIR, '0.13__name_import_revoke.json');
    const s = verifyConsensusFiles([p, good]);
    expect(s.lines.length).toBe(1);
    expect(s.lines[0]).toContain(`block ${v.blocks[3].height}`);
    expect(s.matching).toBe(s.blocks - 1);
  });

  it.runIf(existsSync(join(ROOT, 'dist/cli.js')))('the CLI prints N/M and sets the exit code', () => {
    const ok = cli(SM_DIR);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout.trim().split('\n').pop()).toBe('1189/1189 blocks match');
    const v = readJson(SM_DIR + '0.13__name_import_revoke.json');
    v.blocks[v.blocks.length - 1].expected.ops_hash = '00'.repeat(32);
    const p = join(dir, 'bad.json');
    writeFileSync(p, JSON.stringify(v));
    const bad = cli(p);
    expect(bad.status).toBe(1);
    const lines = bad.stdout.trim().split('\n');
    expect(lines.length).toBe(2);
    expect(lines[1]).toBe(`${v.blocks.length - 1}/${v.blocks.length} blocks match`);
    const missing = cli(join(dir, 'nope.json'));
    expect(missing.status).not.toBe(0);
    expect(missing.stderr + missing.stdout).toMatch(/no such file/);
  });
});
