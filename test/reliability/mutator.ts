/**
 * A seeded mutation fuzzer (libFuzzer-style mutations over a seed corpus): bit flips, interesting bytes,
 * insert/delete/duplicate ranges, splices between seeds, dictionary tokens, and stacked mutations. `run`
 * feeds `count` inputs to `target`; an input that throws an error `allowed` rejects, or that takes more than
 * `hangMs` of CPU (confirmed by a second run), is returned as a finding.
 */
export class Rng {
  constructor(private s: number) {}
  next(): number { // mulberry32
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = Math.imul(this.s ^ (this.s >>> 15), 1 | this.s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }
  int(n: number): number { return n <= 0 ? 0 : this.next() % n; }
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfd, 0xfe, 0x3c, 0x3e, 0x26, 0x22, 0x5c, 0x0a, 0x3b, 0x28, 0x29];

export function mutate(rng: Rng, input: Uint8Array, seeds: Uint8Array[], dict: Uint8Array[], maxLen: number): Uint8Array {
  let b = input;
  const rounds = 1 + rng.int(4);
  for (let r = 0; r < rounds; r++) {
    const n = b.length;
    switch (rng.int(9)) {
      case 0: if (n) { b = b.slice(); const i = rng.int(n); b[i] ^= 1 << rng.int(8); } break;
      case 1: if (n) { b = b.slice(); b[rng.int(n)] = INTERESTING[rng.int(INTERESTING.length)]; } break;
      case 2: if (n) { b = b.slice(); b[rng.int(n)] = rng.int(256); } break;
      case 3: { const i = rng.int(n + 1); const ins = Uint8Array.from({ length: 1 + rng.int(8) }, () => rng.int(256)); b = concat(b.subarray(0, i), ins, b.subarray(i)); break; }
      case 4: if (n) { const i = rng.int(n); const len = 1 + rng.int(Math.min(n - i, 64)); b = concat(b.subarray(0, i), b.subarray(i + len)); } break;
      case 5: if (n) { const i = rng.int(n); const len = 1 + rng.int(Math.min(n - i, 256)); const at = rng.int(n + 1); const piece = b.subarray(i, i + len); const reps = 1 + rng.int(rng.int(10) === 0 ? 200 : 3); b = concat(b.subarray(0, at), ...Array(reps).fill(piece), b.subarray(at)); } break;
      case 6: { const o = seeds[rng.int(seeds.length)]; const i = rng.int(n + 1); const j = rng.int(o.length + 1); b = concat(b.subarray(0, i), o.subarray(j)); break; }
      case 7: if (dict.length) { const i = rng.int(n + 1); b = concat(b.subarray(0, i), dict[rng.int(dict.length)], b.subarray(i)); } break;
      default: if (n) b = b.subarray(0, rng.int(n)); break; // truncation
    }
    if (b.length > maxLen) b = b.subarray(0, maxLen);
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export interface FuzzReport { inputs: number; rejected: number; accepted: number; findings: string[]; slowestMs: number }

export function fuzz(opts: {
  seed: number; count: number; seeds: Uint8Array[]; dict?: string[]; maxLen: number; hangMs?: number;
  target: (input: Uint8Array) => void; allowed: (e: unknown) => boolean;
}): FuzzReport {
  const rng = new Rng(opts.seed);
  const dict = (opts.dict ?? []).map((d) => new TextEncoder().encode(d));
  const hang = opts.hangMs ?? 100;
  const rep: FuzzReport = { inputs: 0, rejected: 0, accepted: 0, findings: [], slowestMs: 0 };
  const pool = opts.seeds.slice();
  const show = (x: Uint8Array) => Buffer.from(x.subarray(0, 120)).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  for (let k = 0; k < opts.count && rep.findings.length < 5; k++) {
    const base = pool[rng.int(pool.length)];
    const input = mutate(rng, base, opts.seeds, dict, opts.maxLen);
    rep.inputs++;
    // CPU time, not wall time: on a shared machine a descheduled input is not a hang
    const once = (): { ms: number; err: unknown } => {
      const c0 = process.cpuUsage();
      let err: unknown = null;
      try { opts.target(input); } catch (e) { err = e; }
      const c = process.cpuUsage(c0);
      return { ms: (c.user + c.system) / 1000, err };
    };
    let r = once();
    if (r.ms > hang) { const again = once(); if (again.ms < r.ms) r = again; }
    rep.slowestMs = Math.max(rep.slowestMs, r.ms);
    if (r.ms > hang) rep.findings.push(`hang ${r.ms.toFixed(0)} ms on ${input.length} bytes: ${show(input)}`);
    if (r.err === null) { rep.accepted++; if (pool.length < 2000 && rng.int(50) === 0) pool.push(input); } // keep some survivors as new bases
    else if (opts.allowed(r.err)) rep.rejected++;
    else rep.findings.push(`crash ${(r.err as Error)?.name}: ${(r.err as Error)?.message} on ${show(input)}`);
  }
  return rep;
}
