/**
 * core.wasm from C: build/core.nosimd.wasm → wasm2c → gcc with test/embed/embed.c (written from
 * core-as/ABI.md only), then the C program's answers compared with the JavaScript bindings' on the real
 * data: every NIST CAVP SHA-256 vector, hash160 of the RIPEMD-160 vector messages, blocks 413567 and
 * 702861 (hash, merkle root, every txid), merkleRoot over the txids, and secp256k1 verifications of
 * real block-413567 signatures (one tampered). wasm2c 1.0.32 cannot translate SIMD (it aborts), hence the
 * SIMD-free flavour.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hash160, merkleRoot, parseBlock, sha256 } from '../../bindings/core/index.ts';
import { verify } from '../../bindings/core/secp256k1.ts';
import { haveTool, inCI } from '../helpers/tools.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(root, '../shared/data');
const RT = ['/usr/share/wabt/wasm2c', '/usr/src/wasm2c'].find((d) => existsSync(join(d, 'wasm-rt-impl.c')));
const can = haveTool('wasm2c') && haveTool('gcc');
const dir = mkdtempSync(join(tmpdir(), 'bsk-embed-'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const display = (b: Uint8Array) => hex(b.slice().reverse());

function run(lines: string[]): string[] {
  const r = spawnSync(join(dir, 'embed'), { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`embed exited ${r.status}: ${r.stderr}`);
  return r.stdout.trim().split('\n');
}

describe.runIf(inCI || can)('core.wasm embedded in C (wasm2c + gcc, from ABI.md)', () => {
  beforeAll(() => {
    if (!RT && process.env.CI) throw new Error('wasm2c runtime sources (wasm-rt-impl.c) not found: install wabt');
    expect(RT, 'wasm-rt-impl.c of Debian wabt').toBeTruthy();
    // the SIMD build is what browsers and Node run; Debian's wasm2c 1.0.32 aborts on it (hence core.nosimd.wasm)
    const simd = spawnSync('wasm2c', [join(root, 'build/core.wasm'), '-o', join(dir, 'simd.c')]);
    if (simd.status === 0) console.log('note: this wasm2c translates the SIMD build too; core.nosimd.wasm is then optional');
    execFileSync('wasm2c', [join(root, 'build/core.nosimd.wasm'), '-n', 'core', '-o', join(dir, 'core.c')]);
    execFileSync('gcc', ['-O1', '-I', dir, '-I', RT!, join(root, 'test/embed/embed.c'), join(dir, 'core.c'), join(RT!, 'wasm-rt-impl.c'), '-lm', '-o', join(dir, 'embed')], { stdio: 'pipe' });
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SHA-256 (all NIST CAVP vectors) and hash160 equal the JS results', () => {
    const nist = JSON.parse(readFileSync(join(DATA, 'sha256_nist_cavp.json'), 'utf8')).vectors as { msg_hex: string; md_hex: string }[];
    const rip = JSON.parse(readFileSync(join(DATA, 'ripemd160_vectors.json'), 'utf8')).vectors as { msg_hex: string }[];
    const msgs = rip.map((v) => v.msg_hex).filter((m) => typeof m === 'string'); // the 10^6 × 'a' vector has no msg_hex
    const out = run([...nist.map((v) => `hash 0 ${v.msg_hex || '-'}`), ...msgs.map((m) => `hash 3 ${m || '-'}`)]);
    expect(out.slice(0, nist.length)).toEqual(nist.map((v) => v.md_hex));
    expect(out.slice(0, nist.length)).toEqual(nist.map((v) => hex(sha256(unhex(v.msg_hex)))));
    expect(out.slice(nist.length)).toEqual(msgs.map((m) => hex(hash160(unhex(m)))));
    expect(nist.length).toBe(129);
  });

  for (const h of [413567, 702861]) {
    it(`parseBlock ${h}: hash, merkle root and every txid equal the JS results; merkleRoot over the txids`, () => {
      const path = join(DATA, `block${h}.raw`);
      const exp = JSON.parse(readFileSync(join(DATA, `block${h}.expected.json`), 'utf8'));
      const js = parseBlock(new Uint8Array(readFileSync(path)));
      const [head, ...txLines] = run([`block ${path}`]);
      const m = /^txcount (\d+) flags (\d+) hash ([0-9a-f]{64}) merkle ([0-9a-f]{64})$/.exec(head)!;
      expect(m, head).toBeTruthy();
      expect(Number(m[1])).toBe(exp.txCount);
      expect(Number(m[2]) & 1).toBe(1); // merkle root equals the header's
      expect(display(unhex(m[3]))).toBe(exp.hash);
      expect(display(unhex(m[4]))).toBe(exp.merkleRoot);
      expect(display(unhex(m[3]))).toBe(js.hash);
      const txids = txLines.map((l) => display(unhex(l.slice(5))));
      expect(txids).toHaveLength(exp.txCount);
      expect(txids).toEqual(js.txs.map((t) => t.txid));
      if (Array.isArray(exp.txids)) expect(txids).toEqual(exp.txids);
      const [mr] = run([`merkle ${path}`]);
      const root32 = merkleRoot(js.txs.map((t) => unhex(t.txid).reverse()));
      expect(mr).toBe(`32 ${hex(root32)}`);
    });
  }

  it('secp256k1 verify of real block-413567 signatures equals JS verify (a tampered digest fails)', () => {
    const sigs = JSON.parse(readFileSync(join(DATA, 'block413567_p2pkh_sigs.json'), 'utf8')).vectors as { sighash_hex: string; sig_der_hex: string; pubkey_hex: string }[];
    const pick = [sigs[0], sigs[1], sigs[sigs.length - 1]];
    const bad = { ...sigs[0], sighash_hex: sigs[0].sighash_hex.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    const all = [...pick, bad];
    const out = run(all.map((s) => `verify ${s.sighash_hex} ${s.sig_der_hex} ${s.pubkey_hex} 0`));
    expect(out).toEqual(all.map((s) => (verify(unhex(s.sighash_hex), unhex(s.sig_der_hex), unhex(s.pubkey_hex), { lowS: false }) ? '1' : '0')));
    expect(out).toEqual(['1', '1', '1', '0']);
  });
});
