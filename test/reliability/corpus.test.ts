/**
 * The standing hostile-input corpus (issue 13): every case in `corpus/*.json` gets its expected status or
 * error code from a running node (REST, /RPC2, hub, /auth, zone-file uploads; blocks parsed in process), and
 * the node's event loop never stalls more than 200 ms while the corpus runs. The node runs in its own process
 * and measures its own loop (perf_hooks.monitorEventLoopDelay), so the client's work is not counted.
 * The machine may be shared (8 engineers, 2 cores), so a delay counts as the node's stall only when the node
 * also spent that much CPU (half the bound: a synchronous block shows as ≥ its CPU time), and it repeats when
 * the case is run once more alone. RELIABILITY_STALL_MS overrides the bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpora, runCase, type Target } from './corpus-runner.ts';
import { startChildNode, type ChildNode } from './child.ts';

const STALL_MS = Number(process.env.RELIABILITY_STALL_MS ?? 200);
let node: ChildNode;
let target: Target;
const stalls: { what: string; ms: number; rerun: () => Promise<number> }[] = [];

beforeAll(async () => {
  node = await startChildNode();
  target = { apiUrl: node.apiUrl, hubUrl: node.hubUrl, vars: node.vars };
}, 120_000);
afterAll(async () => { await node?.stop(); });

const corpora = loadCorpora();

describe('hostile-input corpus', () => {
  it('covers every surface', () => {
    expect(corpora.map((c) => c.surface).sort()).toEqual(['auth', 'blocks', 'dns', 'hub', 'rest', 'rpc2', 'zonefile']);
    expect(corpora.reduce((n, c) => n + c.cases.length, 0)).toBeGreaterThan(100);
  });
  let worst = 0;
  for (const corpus of corpora) {
    describe(corpus.surface, () => {
      for (const c of corpus.cases) {
        it(c.name, async () => {
          const once = async () => {
            await node.reset();
            const failure = await runCase(corpus.surface, c, target);
            const st = await node.stats();
            return { failure, ms: st.cpuMs >= STALL_MS / 2 ? st.eldMaxMs : 0, raw: st.eldMaxMs, cpu: st.cpuMs };
          };
          const r = await once();
          expect(r.failure).toBeNull();
          worst = Math.max(worst, r.raw);
          if (process.env.ELD_DEBUG) console.log('ELD', corpus.surface, c.name, r.raw.toFixed(0), r.cpu.toFixed(0));
          if (r.ms > STALL_MS) stalls.push({ what: `${corpus.surface}: ${c.name}`, ms: r.ms, rerun: async () => (await once()).ms });
        }, 60_000);
      }
    });
  }
  it(`the node's event loop never stalled more than ${STALL_MS} ms`, async () => {
    const confirmed: string[] = [];
    for (const s of stalls) {
      const again = await s.rerun();
      if (again > STALL_MS) confirmed.push(`${s.what}: ${s.ms.toFixed(0)} ms, again ${again.toFixed(0)} ms`);
    }
    expect(confirmed).toEqual([]);
    expect(worst).toBeGreaterThan(0); // the monitor ran
  }, 120_000);
});
