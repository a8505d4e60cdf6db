/**
 * The CLI's name operations against a running node (devnet): a namespace launched with preorder / reveal /
 * import / ready, a registration from a P2SH 2-of-3 multisig account, renew, transfer, and a rejected
 * operation reported as an error with a non-zero exit.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bindings/node/config.ts';
import { BlockstackNode } from '../../bindings/node/node.ts';
import { opsFor } from '../../bindings/node/demo.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'bsk-cli-'));
const env = { ...process.env, BLOCKSTACK_HOME: home };
let node: BlockstackNode;
const cli = (args: string[]): Promise<{ code: number; out: any; stderr: string }> =>
  new Promise((ok) => execFile(process.execPath, ['bin/blockstack.js', ...args, '--json'], { cwd: root, env }, (e, stdout, stderr) => {
    let out: any = stdout;
    try { out = JSON.parse(stdout); } catch { /* text */ }
    ok({ code: e ? (e as { code?: number }).code ?? 1 : 0, out, stderr });
  }));

describe('CLI name operations', () => {
  beforeAll(async () => {
    node = await BlockstackNode.start(loadConfig({ api: { port: 0 }, devnet: { rpcPort: 0 } }, env), { logToStderr: 'silent' });
    const ops = opsFor(node);
    const kr = node.devnet!.keyring;
    await ops.run('fund', node.devnet!.miner, [1, 2, 3].map((i) => ({ value: 5n * 10n ** 8n, script: kr.p2pkh(i).script })).concat([{ value: 5n * 10n ** 8n, script: kr.multisig(1).script }]).concat(['change' as never]));
  }, 60_000);
  afterAll(async () => { await node?.stop(); rmSync(home, { recursive: true, force: true }); });

  it('launches a namespace with an imported name, registers from multisig, renews, transfers', async () => {
    const kr = node.devnet!.keyring;
    const zf = join(home, 'foo.zf');
    writeFileSync(zf, '$ORIGIN foo.test\n$TTL 3600\n');
    expect((await cli(['namespace-preorder', 'test', '--from', '1'])).code).toBe(0);
    const rev = await cli(['namespace-reveal', 'test', '--from', '1', '--lifetime', '1000']);
    expect(rev.code, rev.stderr).toBe(0);
    const imp = await cli(['name-import', 'foo.test', kr.p2pkh(2).address, '--zonefile', zf, '--from', '1']);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.out.zonefileStored).toBe(true);
    expect((await cli(['namespace-ready', 'test', '--from', '1'])).code).toBe(0);
    const look = await cli(['lookup', 'foo.test']);
    expect(look.out.address).toBe(kr.p2pkh(2).address);
    expect(look.out.zonefile).toBe('$ORIGIN foo.test\n$TTL 3600\n');

    const ms = kr.multisig(1);
    const reg = await cli(['register', 'bar.test', '--from', 'ms1']);
    expect(reg.code, reg.stderr).toBe(0);
    expect((await cli(['whois', 'bar.test'])).out.address).toBe(ms.address);
    expect((await cli(['renew', 'bar.test', '--from', 'ms1'])).code).toBe(0);
    const tr = await cli(['transfer', 'bar.test', kr.p2pkh(3).address, '--from', 'ms1']);
    expect(tr.code, tr.stderr).toBe(0);
    expect((await cli(['names', kr.p2pkh(3).address])).out.names).toEqual(['bar.test']);
    const price = await cli(['price', 'bar.test']);
    expect(price.out.amount).toBe('640000');
  }, 120_000);

  it('a confirmed but rejected operation is an error', async () => {
    const r = await cli(['revoke', 'foo.test', '--from', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/did not accept/);
    const bad = await cli(['register', 'Bad.test', '--from', '1']);
    expect(bad.code).not.toBe(0);
    const nsBad = await cli(['namespace-reveal', 'toolongnamespaceid-xyz', '--from', '1']);
    expect(nsBad.code).not.toBe(0);
  }, 60_000);
});
