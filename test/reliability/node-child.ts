/**
 * The node under test in its own process (bundled by child.ts): prints its URLs as one JSON line, then
 * answers stdin commands — `reset` (event-loop histogram), `stats` (event-loop delay max/p99 in ms, RSS after
 * a GC) — so the suite measures the node's own event loop, not the load generator's.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { connectToGaiaHub } from '../../bindings/storage/client/index.ts';
import { startFixtureNode } from './node-fixture.ts';
import { TEST_KEY } from './hub-token.ts';

const f = await startFixtureNode({ demo: process.argv.includes('--demo') });
const hub = await connectToGaiaHub(f.hubUrl, TEST_KEY);
const auth = `bearer ${hub.token}`;
for (const p of ['dir/inner.txt', 'file.txt']) await fetch(`${f.hubUrl}/store/${hub.address}/${p}`, { method: 'POST', headers: { authorization: auth }, body: 'x' });
const eld = monitorEventLoopDelay({ resolution: 10 });
eld.enable();
process.stdout.write(JSON.stringify({ apiUrl: f.apiUrl, hubUrl: f.hubUrl, rpcUrl: f.node.rpcUrl, vars: { addr: hub.address, auth } }) + '\n');
let cpu0 = process.cpuUsage();
const gc = (globalThis as { gc?: () => void }).gc;
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'reset') { eld.reset(); cpu0 = process.cpuUsage(); process.stdout.write('{}\n'); }
  if (line === 'stats') {
    if (process.argv.includes('--gc-on-stats')) { gc?.(); gc?.(); }
    const c = process.cpuUsage(cpu0);
    process.stdout.write(JSON.stringify({ cpuMs: (c.user + c.system) / 1000, eldMaxMs: eld.max / 1e6, eldP99Ms: eld.percentile(99) / 1e6, rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed, external: process.memoryUsage().external, arrayBuffers: process.memoryUsage().arrayBuffers }) + '\n');
  }
  if (line === 'stop') break;
}
await f.stop();
process.exit(0);
