/** Helpers for the Atlas tests: a shared "devnet" chain view, nodes on loopback, hostile peers. */
import { readFileSync } from 'node:fs';
import { AtlasNode, serveAtlas, createAtlasHandler, type SlotInfo, type RunningServer } from '../../bindings/routing/atlas/index.ts';
import { openSqlite } from '../../bindings/routing/store/sqlite.ts';
import { zoneFileHash } from '../../bindings/index.ts';
import { sharedJson } from '../helpers/shared.ts';

export const SAMPLES: { hash: string; text: string; name: string }[] =
  sharedJson('vectors/zonefiles/zonefiles_sample.json').zonefiles;

/** A chain every node follows: slots in chain order, one per name operation with a value hash. */
export class DevChain {
  height = 1000;
  slots: SlotInfo[] = [];
  announce(texts: string[]): SlotInfo[] {
    const out = texts.map((t, i) => ({ hash: zoneFileHash(t), block_height: ++this.height, vtxindex: i, txid: (this.height.toString(16) + 'ab').padStart(64, '0'), name: `n${this.height}.id` }));
    this.slots.push(...out);
    return out;
  }
  view() {
    return { lastBlock: () => this.height, consensus: () => 'a'.repeat(32) };
  }
}

export interface TestNode { node: AtlasNode; server: RunningServer; hp: string }

export async function startNode(chain: DevChain, seeds: string[] = [], transport: 'xmlrpc' | 'json' = 'xmlrpc', slowMs = 2_000,
  extra: { testnet?: boolean; inventoryChunk?: number } = {}): Promise<TestNode> {
  const node = new AtlasNode({ db: openSqlite(), chain: chain.view(), testnet: extra.testnet, client: { transport, timeoutScale: 0.2 },
    crawler: { slowMs, inventoryChunk: extra.inventoryChunk, peerTable: { backoffBaseMs: 50, backoffMaxMs: 200 } } });
  const server = await serveAtlas(node);
  node.self = `127.0.0.1:${server.port}`;
  node.addSlots(chain.slots);
  for (const s of seeds) node.addPeer(s);
  return { node, server, hp: node.self };
}

/** A peer that advertises every slot and answers get_zonefiles with `serve(hash)` bytes. */
export async function startHostilePeer(chain: DevChain, serve: (hash: string) => Uint8Array, delayMs = 0): Promise<RunningServer & { hp: string }> {
  const fake = new AtlasNode({ db: openSqlite(), chain: chain.view() });
  fake.addSlots(chain.slots);
  const honest = createAtlasHandler(fake);
  const { serve: nodeServe } = await import('@hono/node-server');
  const { b64encode } = await import('../../bindings/routing/atlas/xmlrpc.ts');
  const { decodeMethodCall, encodeMethodResponse } = await import('../../bindings/routing/atlas/xmlrpc.ts');
  return await new Promise((resolve) => {
    const server = nodeServe({
      port: 0, hostname: '127.0.0.1',
      fetch: async (req: Request) => {
        const body = await req.clone().text();
        const call = decodeMethodCall(body);
        if (call.method === 'get_zonefile_inventory') {
          const n = chain.slots.length;
          const inv = new Uint8Array((n + 7) >> 3).fill(0xff);
          return new Response(encodeMethodResponse(JSON.stringify({ status: true, inv: b64encode(inv.slice(call.params[0] as number, (call.params[0] as number) + (call.params[1] as number))) })));
        }
        if (call.method === 'get_zonefiles') {
          const zonefiles: Record<string, string> = {};
          if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
          for (const h of call.params[0] as string[]) zonefiles[h] = b64encode(serve(h));
          return new Response(encodeMethodResponse(JSON.stringify({ status: true, zonefiles })));
        }
        return honest(req);
      },
    }, (info) => resolve({ port: info.port, hp: `127.0.0.1:${info.port}`, close: () => new Promise<void>((r) => server.close(() => r())) }));
  });
}

export async function crawlAll(nodes: TestNode[], rounds: number, done: () => boolean): Promise<number> {
  for (let r = 1; r <= rounds; r++) {
    for (const n of nodes) await n.node.crawler.crawlOnce();
    if (done()) return r;
  }
  return -1;
}
