/**
 * @module virtualchain/devchain — a deterministic generator of name-operation blocks (all op kinds) for
 * tests and benchmarks. Output follows both input conventions (legacy and core21): OP_RETURN first,
 * recipient at output 1, the burn at output 2 (preorders) or 3 (renewals). The generator reads consensus
 * hashes back from the state it feeds (`chAt`), so the ops it emits are valid on that chain; its whole
 * state is plain data, so `clone()` forks it for reorg tests.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ascii, b40Bytes, base58checkEncode, concat, fromHex, hash128Hex, hash160, toHex } from './codec.ts';
import { BURN_SCRIPT, type RuleSet } from './networks.ts';
import type { TxInput } from './types.ts';

interface Owner { script: string; address: string }
interface GenState {
  rng: number; counter: number; ns: string; nsPrivHex: string;
  pending: { name: string; sender: Owner; recipient: Owner }[];
  names: string[]; owners: Record<string, Owner>; revoked: Record<string, true>;
  phase: number; opsPerBlock: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export class DevChain {
  s: GenState;
  /** `imports`: NAME_IMPORTs in the namespace's import block (a burst, as on mainnet). */
  constructor(readonly rules: RuleSet, seed = 1, opsPerBlock = 10, readonly imports = 3) {
    const priv = sha256(ascii(`devchain-importer-${seed}`));
    this.s = { rng: seed >>> 0 || 1, counter: 0, ns: 'devns' + String(seed % 1000).padStart(3, '0'), nsPrivHex: toHex(priv),
      pending: [], names: [], owners: {}, revoked: {}, phase: 0, opsPerBlock };
  }

  clone(): DevChain {
    const c = new DevChain(this.rules, 1, this.s.opsPerBlock, this.imports);
    c.s = structuredClone(this.s);
    return c;
  }

  /** Reseed the random stream (forks a branch off a clone). */
  reseed(seed: number): void { this.s.rng = (seed >>> 0) || 1; }

  private rand(n: number): number {
    let x = this.s.rng;
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    this.s.rng = x;
    return x % n;
  }

  private owner(): Owner {
    const h = sha256(ascii(`owner-${this.s.counter++}-${this.s.ns}`)).subarray(0, 20);
    return { script: '76a914' + toHex(h) + '88ac', address: base58checkEncode(this.rules.network.p2pkhVersion, h) };
  }

  private tx(height: number, vtx: number, data: string, sender: Owner, outs: { script: string; value: number }[], pubkey: string | null = null): TxInput {
    const dataHex = toHex(ascii('id' + data[0])) + data.slice(1);
    const push = dataHex.length / 2 <= 75 ? (dataHex.length / 2).toString(16).padStart(2, '0') : '4c' + (dataHex.length / 2).toString(16).padStart(2, '0');
    return {
      txid: toHex(sha256(ascii(`${this.s.ns}:${height}:${vtx}:${dataHex}:${this.s.rng}`))), vtxindex: vtx, op_return_hex: dataHex,
      senders: [{ script_pubkey: sender.script, script_type: 'pubkeyhash', addresses: [sender.address], amount: null }],
      sender_pubkey: pubkey, outputs: [{ script_pubkey: '6a' + push + dataHex, value: 0 }, ...outs.map((o) => ({ script_pubkey: o.script, value: o.value }))], fee: null,
    };
  }

  private imp: { owner: Owner; pub: string } | null = null;
  private importer(): { owner: Owner; pub: string } {
    if (this.imp) return this.imp;
    const pub = toHex(secp256k1.getPublicKey(fromHex(this.s.nsPrivHex), true));
    const h = hash160(fromHex(pub));
    return (this.imp = { pub, owner: { script: '76a914' + toHex(h) + '88ac', address: base58checkEncode(this.rules.network.p2pkhVersion, h) } });
  }

  private newName(): string {
    let n = '';
    for (let i = 0; i < 8; i++) n += LETTERS[this.rand(26)];
    return `${n}${this.s.counter}.${this.s.ns}`;
  }

  /**
   * The candidate transactions of block `height`; `chAt(h)` gives the chain's consensus hash at h. In the
   * steady state a block registers the names preordered before and preorders new ones, unless `preorders`
   * is false (then nothing is left pending after it: a generator can go quiet for a while).
   */
  nextBlock(height: number, chAt: (h: number) => string, opts: { preorders?: boolean } = {}): TxInput[] {
    const s = this.s;
    const txs: TxInput[] = [];
    let vtx = 1;
    const ch = chAt(height - 1);
    const change = (o: Owner) => ({ script: o.script, value: 5000 });
    const burn = (v: number) => ({ script: BURN_SCRIPT, value: v });
    const imp = this.importer();
    if (s.phase === 0) { // namespace preorder
      const nsOwner = this.owner();
      s.owners['$ns'] = nsOwner;
      const ph = toHex(hash160(concat(b40Bytes(s.ns), fromHex(nsOwner.script), ascii(imp.owner.address))));
      txs.push(this.tx(height, vtx++, '*' + ph + ch, nsOwner, [change(nsOwner), burn(50_000_000_000)]));
      s.phase = 1;
      return txs;
    }
    if (s.phase === 1) { // reveal: lifetime 1e6, coeff 250, base 4, buckets 6,5,4,3,2,1,0.., discounts 10/10, v1
      const payload = '000f4240' + 'fa' + '04' + '6543210000000000' + 'aa' + '0001' + toHex(ascii(s.ns));
      txs.push(this.tx(height, vtx++, '&' + payload, s.owners['$ns'], [{ script: imp.owner.script, value: 5000 }, change(s.owners['$ns'])]));
      s.phase = 2;
      return txs;
    }
    if (s.phase === 2) { // a few imports, then ready
      for (let i = 0; i < this.imports; i++) {
        const name = this.newName();
        const to = this.owner();
        const vh = sha256(ascii(name)).subarray(0, 20);
        txs.push(this.tx(height, vtx++, ';' + toHex(ascii(name)), imp.owner,
          [{ script: to.script, value: 5000 }, { script: '76a914' + toHex(vh) + '88ac', value: 5000 }, change(imp.owner)], imp.pub));
        s.names.push(name); s.owners[name] = to;
      }
      txs.push(this.tx(height, vtx++, '!' + toHex(ascii('.' + s.ns)), imp.owner, [change(imp.owner)]));
      s.phase = 3;
      return txs;
    }
    // Steady state: register last block's preorders, then a mix of every other op.
    for (const p of s.pending) {
      txs.push(this.tx(height, vtx++, ':' + toHex(ascii(p.name)), p.sender, [{ script: p.recipient.script, value: 5000 }, change(p.sender)]));
      s.names.push(p.name); s.owners[p.name] = p.recipient;
    }
    s.pending = [];
    const budget = Math.max(1, s.opsPerBlock - txs.length);
    const nPre = opts.preorders === false ? 0 : Math.max(1, Math.round(budget * 0.3));
    for (let i = 0; i < nPre; i++) {
      const name = this.newName();
      const sender = this.owner();
      const recipient = this.owner();
      const ph = toHex(hash160(concat(b40Bytes(name), fromHex(sender.script), ascii(recipient.address))));
      txs.push(this.tx(height, vtx++, '?' + ph + ch, sender, [change(sender), burn(1_000_000)]));
      s.pending.push({ name, sender, recipient });
    }
    const touched = new Set<string>();
    for (let i = nPre; i < budget && s.names.length > 0; i++) {
      const name = s.names[this.rand(s.names.length)];
      if (touched.has(name) || s.revoked[name]) continue;
      touched.add(name);
      const own = s.owners[name];
      const r = this.rand(100);
      if (r < 50) {
        const vh = toHex(sha256(ascii(`${name}-${height}`)).subarray(0, 20));
        txs.push(this.tx(height, vtx++, '+' + hash128Hex(name + ch) + vh, own, [change(own)]));
      } else if (r < 80) {
        const to = this.owner();
        const keep = this.rand(2) === 0;
        txs.push(this.tx(height, vtx++, '>' + (keep ? '3e' : '7e') + hash128Hex(name) + ch, own, [{ script: to.script, value: 5000 }, change(own)]));
        s.owners[name] = to;
      } else if (r < 97) {
        txs.push(this.tx(height, vtx++, ':' + toHex(ascii(name)), own, [{ script: own.script, value: 5000 }, change(own), burn(1_000_000)]));
      } else {
        txs.push(this.tx(height, vtx++, '~' + toHex(ascii(name)), own, [change(own)]));
        s.revoked[name] = true;
      }
    }
    return txs;
  }
}
