/** The 30 s mixed load of issue 13 (same checks as load.test.ts; see there for the shared-machine bound). */
import { describe, expect, it } from 'vitest';
import { runMixedLoad } from './load-run.ts';

const P99_MS = Number(process.env.RELIABILITY_P99_MS ?? 50);

describe('mixed load, 30 s', () => {
  it('30 s of good reads at 32 connections + the hostile corpus: no 5xx, p99 bound, RSS back within 20%', async () => {
    const r = await runMixedLoad(30);
    console.log(JSON.stringify(r));
    expect(r.goodNon2xx).toBe(0);
    expect(r.goodErrors).toBe(0);
    expect(r.hostileFailures).toEqual([]);
    expect(r.hostileRuns).toBeGreaterThan(30);
    expect(r.p99).toBeLessThan(Math.max(P99_MS, 3 * r.baselineP99));
    expect(r.rssEnd).toBeLessThan(r.rssStart * 1.2);
    expect(r.heapEnd).toBeLessThan(r.heapStart * 1.2); // what the JS side holds after a GC
  }, 300_000);
});
