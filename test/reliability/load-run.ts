/**
 * The mixed load of issue 13: good reads at 32 connections (autocannon) against a node in its own process,
 * while a stream of the hostile corpus runs beside them; then the node's RSS, after a GC, is compared with
 * its RSS after warm-up. Used by load.test.ts (short) and load.slow.test.ts (30 s).
 */
import autocannon from 'autocannon';
import { loadCorpora, runCase } from './corpus-runner.ts';
import { startChildNode } from './child.ts';

export interface LoadResult {
  /** The same good reads alone, just before (the machine's own latency right now: it may be shared). */
  baselineP99: number; baselineRps: number;
  seconds: number; goodRps: number; goodRequests: number; goodNon2xx: number; goodErrors: number; p50: number; p99: number;
  hostileRuns: number; hostileFailures: string[]; rssStart: number; rssEnd: number; eldMaxMs: number;
  heapStart: number; heapEnd: number; externalStart: number; externalEnd: number;
}

const GOOD = ['/v1/names/alice.id', '/v1/info', '/v1/names/alice.id/zonefile', '/v1/namespaces', '/v1/names/bob.id', '/stacks/v1/names/alice.id'];

export async function runMixedLoad(seconds: number): Promise<LoadResult> {
  const node = await startChildNode({ demo: true, gcOnStats: true });
  try {
    const target = { apiUrl: node.apiUrl, hubUrl: node.hubUrl, vars: node.vars };
    // warm-up (JIT, caches, sockets), then the baseline
    await autocannon({ url: node.apiUrl, connections: 8, duration: 2, requests: GOOD.map((path) => ({ method: 'GET', path })) });
    const base = await autocannon({ url: node.apiUrl, connections: 32, duration: Math.min(seconds, 5), requests: GOOD.map((path) => ({ method: 'GET', path })) });
    const s0 = await node.stats();
    const rssStart = s0.rss;
    await node.reset();
    const hostile = loadCorpora().filter((c) => !['blocks', 'zonefile'].includes(c.surface))
      .flatMap((c) => c.cases.filter((x) => ![x.expect.status].flat().some((s) => (s ?? 0) >= 500)).map((x) => ({ surface: c.surface, c: x })));
    let stop = false;
    let hostileRuns = 0;
    const hostileFailures: string[] = [];
    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const h = hostile[i % hostile.length];
        const f = await runCase(h.surface, h.c, target).catch((e) => `threw ${(e as Error).message}`);
        hostileRuns++;
        if (f) hostileFailures.push(`${h.surface}: ${h.c.name}: ${f}`);
        // paced (~20 cases/s at most): a steady hostile stream, not a second load generator competing for the
        // same two cores as the node and autocannon
        await new Promise((ok) => setTimeout(ok, 50));
      }
    })();
    const r = await autocannon({ url: node.apiUrl, connections: 32, duration: seconds, requests: GOOD.map((path) => ({ method: 'GET', path })) });
    stop = true;
    await stream;
    const during = await node.stats();
    await new Promise((ok) => setTimeout(ok, 2500)); // lingering sockets close, timers fire
    const s1 = await node.stats();
    const rssEnd = s1.rss;
    return {
      baselineP99: base.latency.p99, baselineRps: base.requests.average, goodRps: r.requests.average,
      seconds, goodRequests: r.requests.total, goodNon2xx: r.non2xx, goodErrors: r.errors + r.timeouts, p50: r.latency.p50, p99: r.latency.p99,
      hostileRuns, hostileFailures, rssStart, rssEnd, eldMaxMs: during.eldMaxMs,
      heapStart: s0.heapUsed, heapEnd: s1.heapUsed, externalStart: s0.external, externalEnd: s1.external,
    };
  } finally {
    await node.stop();
  }
}
