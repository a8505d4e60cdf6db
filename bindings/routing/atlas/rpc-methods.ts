/**
 * @module routing/atlas/rpc-methods — the Atlas RPC methods of naming.md §2.3 as plain functions of an
 * AtlasNode: params in, one JSON object out (`{status: true, indexing, lastblock, ...}` or
 * `{error, http_status}`). Transport (XML-RPC / JSON over HTTP) lives in server.ts.
 */
import { verifyHashSyntax, MAX_ZONEFILE_BYTES } from '../zonefile/limits.ts';
import { b64encode, b64decode } from '../_base64.ts';
import { MAX_INVENTORY_REQUEST } from './inventory.ts';
import { statusOf } from '../../base/http-status.ts';
import type { AtlasNode } from './atlas-node.ts';

export interface CallerInfo { host: string; local: boolean; defaultPort: number }
type Reply = Record<string, unknown>;

/** Core's error reply: `http_status` (part of Core's reply format) from the one table, by code. */
const err = (error: string, code = 'E_INVALID_ARGUMENT'): Reply => ({ error, http_status: statusOf(code, 400) });
const isUint = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const HOSTPORT_RE = /^[A-Za-z0-9.\-_:[\]]+:\d{1,5}$/;

export function dispatchAtlas(node: AtlasNode, method: string, params: unknown[], caller: CallerInfo): Reply {
  const base = (): Reply => ({ status: true, indexing: node.chain.indexing?.() ?? false, lastblock: node.chain.lastBlock() });
  switch (method) {
    case 'ping':
      return { status: node.chain.stale?.() ? 'stale' : 'alive', version: node.version };
    case 'getinfo': {
      const info: Reply = {
        last_block_seen: node.chain.lastBlockSeen?.() ?? node.chain.lastBlock(), consensus: node.chain.consensus(),
        server_version: node.version, last_block_processed: node.chain.lastBlock(), server_alive: true,
        indexing: node.chain.indexing?.() ?? false, testnet: node.testnet, first_block: node.chain.firstBlock ?? 373601,
        zonefile_count: node.inventory.slotCount,
      };
      if (node.chain.stale?.()) Object.assign(info, { stale: true, warning: 'Daemon is behind the chain tip.  Do not rely on it for fresh information.' });
      return info;
    }
    case 'get_zonefile_inventory': {
      const [offset, length] = params;
      if (!isUint(offset) || !isUint(length)) return err('Invalid offset or length');
      if (length > MAX_INVENTORY_REQUEST) return err('Request length too large');
      return { ...base(), inv: b64encode(node.inventory.range(offset, length)) };
    }
    case 'get_zonefiles': {
      const [hashes] = params;
      if (!Array.isArray(hashes)) return err('Invalid zone file hash');
      if (hashes.length > 100) return err('Too many requests (no more than 100 allowed)');
      if (!hashes.every(verifyHashSyntax)) return err('Invalid zone file hash');
      const zonefiles: Record<string, string> = {};
      for (const h of hashes as string[]) {
        const b = node.store.get(h);
        if (b) zonefiles[h] = b64encode(b);
      }
      return { ...base(), zonefiles };
    }
    case 'put_zonefiles': {
      const [list] = params;
      if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return err('Invalid zone file data');
      if (list.length > 5) return err('Too many zone files (no more than 5 allowed)');
      const bytes: Uint8Array[] = [];
      for (const b64 of list as string[]) {
        if (b64.length > Math.ceil(MAX_ZONEFILE_BYTES / 3) * 4 + 8) { bytes.push(new Uint8Array(MAX_ZONEFILE_BYTES + 1)); continue; }
        try { bytes.push(b64decode(b64)); } catch { return err('Invalid base64 zone file'); }
      }
      const saved = node.acceptUploads(bytes).map((r) => (r.saved ? 1 : 0));
      return { ...base(), saved };
    }
    case 'get_atlas_peers': {
      const asker = `${caller.host}:${caller.defaultPort}`;
      node.queueCandidate(asker);
      return { ...base(), peers: node.peers.liveNeighbors(asker) };
    }
    case 'atlas_peer_exchange': {
      const [remote] = params;
      let asker = `${caller.host}:${caller.defaultPort}`;
      if (caller.local && typeof remote === 'string' && HOSTPORT_RE.test(remote)) asker = remote;
      node.queueCandidate(asker);
      return { ...base(), peers: node.peers.liveNeighbors(asker) };
    }
    case 'get_zonefiles_by_block': {
      const [from, to, offset, count] = params;
      if (![from, to, offset, count].every(isUint)) return err('Invalid arguments');
      if ((count as number) > 100) return err('Count too large (no more than 100 allowed)');
      const rows = node.inventory.allSlots()
        .filter((s) => s.block_height >= (from as number) && s.block_height <= (to as number))
        .slice(offset as number, (offset as number) + (count as number))
        .map((s) => ({ name: s.name ?? null, zonefile_hash: s.hash, txid: s.txid ?? null, block_height: s.block_height }));
      return { ...base(), zonefile_info: rows };
    }
    default:
      return err(`Unknown method ${method}`, 'E_UNKNOWN_METHOD');
  }
}
