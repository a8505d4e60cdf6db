/**
 * @module node/atlas — Atlas and subdomains inside the node (docs/routing.md): an AtlasNode over the
 * node's zone-file store, its inventory fed from the name DB at boot (chain order) and from the indexer's
 * `block` / `reorg` events, a SubdomainIndexer fed by stored zone files, the XML-RPC endpoint mounted on
 * the API (`POST /RPC2`, `POST /atlas/<method>`) and optionally served on its own port (`--atlas-port`).
 */
import type { Hono } from 'hono';
import { atlasRoutes, RPC_PATH } from '../api/atlas-routes.ts';
import { AtlasNode, connectSubdomains, MAX_REQUEST_BYTES, serveAtlas, SubdomainIndexer, SUBDOMAINS_FIRST_BLOCK_MAINNET, type RunningServer, type SlotInfo } from '../routing/index.ts';
import type { SqlDb } from '../routing/store/zonefile-store.ts';
import type { ZoneFileStore } from '../routing/store/zonefile-store.ts';
import { getConsensusHash, type NameDb } from '../virtualchain/index.ts';
import { ROUTING_SQL } from '../virtualchain/db/layout.ts';
import type { BlockEvent } from './indexer.ts';
import type { Logger } from './logger.ts';

/** Opcodes whose value hash opens an Atlas slot (NAME_IMPORT, NAME_REGISTRATION / RENEWAL, NAME_UPDATE). */
const SLOT_OPCODES = new Set([';', ':', '+']);

export interface NodeAtlasOptions {
  db: NameDb; sql: SqlDb; store: ZoneFileStore; log: Logger; mainnet: boolean;
  peers: string[]; port: number | null; host: string; crawlMs: number;
}

/**
 * Every slot already in the name DB, in chain order (block, vtxindex); with `above`, only the slots of blocks
 * above that height among the names listed (a replica's new blocks: they append to its inventory).
 */
export function slotsFromHistory(db: NameDb, above?: { height: number; names: Iterable<string> }): SlotInfo[] {
  const out: SlotInfo[] = [];
  const min = above ? above.height : -Infinity;
  const entries: Iterable<[string, NameDb['state']['history'] extends Map<string, infer H> ? H : never]> = above
    ? [...new Set(above.names)].flatMap((n) => { const h = db.state.history.get(n); return h ? [[n, h] as [string, typeof h]] : []; })
    : db.state.history;
  for (const [name, h] of entries) {
    for (let i = h.length - 1; i >= 0 && h[i].block > min; i--) {
      const e = h[i];
      if (SLOT_OPCODES.has(e.opcode) && e.record.valueHash) out.push({ hash: e.record.valueHash, block_height: e.block, vtxindex: e.vtxindex, txid: e.txid, name });
    }
  }
  return out.sort((a, b) => a.block_height - b.block_height || (a.vtxindex ?? 0) - (b.vtxindex ?? 0));
}

export class NodeAtlas {
  readonly atlas: AtlasNode;
  readonly subs: SubdomainIndexer;
  private server: RunningServer | null = null;
  private readonly fromBlock: number;

  constructor(readonly opts: NodeAtlasOptions) {
    const o = opts;
    const log = o.log.child({ area: 'atlas' });
    this.atlas = new AtlasNode({
      store: o.store, seeds: o.peers, testnet: !o.mainnet, logger: log,
      chain: { lastBlock: () => o.db.state.lastBlock, consensus: () => getConsensusHash(o.db, o.db.state.lastBlock), firstBlock: o.db.rules.firstBlock },
    });
    this.subs = new SubdomainIndexer(o.sql, log);
    this.fromBlock = o.mainnet ? SUBDOMAINS_FIRST_BLOCK_MAINNET : o.db.rules.firstBlock;
    connectSubdomains(this.atlas, this.subs, { fromBlock: this.fromBlock });
    this.atlas.addSlots(slotsFromHistory(o.db));
  }

  /** The indexer's `block` event: new slots; a zone file already held (same hash re-announced) is indexed for the new slot. */
  onBlock(e: BlockEvent): void {
    const before = this.atlas.inventory.allSlots().length;
    this.atlas.addBlock(e);
    const slots = this.atlas.inventory.allSlots();
    for (let i = before; i < slots.length; i++) {
      const s = slots[i]!;
      if (!s.name || s.block_height < this.fromBlock) continue;
      const b = this.opts.store.get(s.hash);
      if (!b) continue;
      const text = new TextDecoder().decode(b);
      if (/txt/i.test(text)) this.subs.processZoneFile({ domain: s.name, zonefile: text, zonefile_hash: s.hash, parent_zonefile_index: i, txid: s.txid ?? '', block_height: s.block_height });
    }
  }

  /**
   * Reorg: drop the slots above the new tip, and the subdomain records those slots carried (their slot
   * numbers get reused by the new branch), then replay the affected names; a domain's resolver falls
   * back to its newest remaining zone file. A zone file still held is re-indexed when its hash comes back.
   */
  onReorg(r: { to: number }): void {
    this.atlas.rollbackTo(r.to);
    const sql = this.opts.sql;
    const gone = (sql.prepare(ROUTING_SQL.subFqnsAbove).all(r.to) as { fqn: string }[]).map((x) => x.fqn);
    const firstGone = this.atlas.inventory.allSlots().length;
    sql.exec('SAVEPOINT node_atlas_reorg');
    try {
      sql.prepare(ROUTING_SQL.subDelAbove).run(r.to);
      sql.prepare(ROUTING_SQL.subDomainsDelFrom).run(firstGone);
      sql.prepare(ROUTING_SQL.subDomainsRebuild).run();
      for (const fqn of gone) this.subs.replay(fqn);
      sql.exec('RELEASE node_atlas_reorg');
    } catch (e) {
      sql.exec('ROLLBACK TO node_atlas_reorg');
      sql.exec('RELEASE node_atlas_reorg');
      throw e;
    }
  }

  /** Client uploads (REST API): stored if announced on chain, then pushed to neighbours. */
  upload(bytes: Uint8Array): boolean { return this.atlas.acceptUploads([bytes])[0]?.saved ?? false; }

  /** Body caps of those routes on the API server (the handler checks again: it also serves its own port). */
  bodyLimits(): { prefix: string; bytes: number }[] {
    return [{ prefix: RPC_PATH, bytes: MAX_REQUEST_BYTES }, { prefix: '/atlas/', bytes: MAX_REQUEST_BYTES }];
  }

  /** Routes for the API app: Core's XML-RPC path and the JSON bulk path. */
  routes(): Hono { return atlasRoutes(this.atlas, this.opts.port ?? 6264); }

  /** Starts the crawl loop (and the separate port, when configured); `apiHostPort` is our identity otherwise. */
  async start(apiHostPort: string): Promise<Record<string, string>> {
    if (this.opts.port !== null) {
      this.server = await serveAtlas(this.atlas, { port: this.opts.port, hostname: this.opts.host, defaultPort: this.opts.port || 6264 });
      this.atlas.self = `${this.opts.host}:${this.server.port}`;
    } else this.atlas.self = apiHostPort;
    this.atlas.start(this.opts.crawlMs);
    return { atlas: `http://${this.atlas.self}${RPC_PATH}` };
  }

  async stop(): Promise<void> {
    await this.atlas.stop();
    await this.server?.close();
  }
}
