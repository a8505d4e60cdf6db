/**
 * @module routing/atlas/peers — the peer table (naming.md §2.5): request outcomes over a one-hour window,
 * health = responses / requests, cached inventories, bans (peers that served bytes whose hash did not match
 * or that were oversized), exponential back-off from slow or failing peers, and bounded sizes.
 */
export const PEER_LIFETIME_INTERVAL_MS = 3_600_000;
export const MIN_PEER_HEALTH = 0.5;
export const NUM_NEIGHBORS = 80;
export const PEER_MAX_DB = 65_536;

export interface Peer {
  hostport: string;
  outcomes: { t: number; ok: boolean }[];
  inv: Uint8Array | null;
  invRefreshedAt: number;
  banned: boolean;
  banReason?: string;
  whitelisted: boolean;
  validated: boolean;
  discoveredAt: number;
  failStreak: number;
  slowStreak: number;
  lastRttMs: number;
  backoffUntil: number;
}

export interface PeerTableOptions {
  maxPeers?: number;
  maxNeighbors?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  now?: () => number;
}

export class PeerTable {
  private peers = new Map<string, Peer>();
  readonly maxPeers: number;
  readonly maxNeighbors: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  readonly now: () => number;

  constructor(o: PeerTableOptions = {}) {
    this.maxPeers = o.maxPeers ?? PEER_MAX_DB;
    this.maxNeighbors = o.maxNeighbors ?? NUM_NEIGHBORS;
    this.backoffBaseMs = o.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = o.backoffMaxMs ?? 300_000;
    this.now = o.now ?? Date.now;
  }

  /** Add a peer (idempotent). Returns false when the table is full or the peer is banned. */
  add(hostport: string, opts: { whitelisted?: boolean } = {}): boolean {
    const p = this.peers.get(hostport);
    if (p) return !p.banned;
    if (this.peers.size >= this.maxPeers && !this.evictOne()) return false;
    this.peers.set(hostport, {
      hostport, outcomes: [], inv: null, invRefreshedAt: 0, banned: false, whitelisted: !!opts.whitelisted,
      validated: false, discoveredAt: this.now(), failStreak: 0, slowStreak: 0, lastRttMs: 0, backoffUntil: 0,
    });
    return true;
  }

  private evictOne(): boolean {
    for (const p of this.peers.values()) {
      if (!p.whitelisted && !p.banned && p.outcomes.length && this.health(p.hostport) < MIN_PEER_HEALTH) {
        this.peers.delete(p.hostport);
        return true;
      }
    }
    return false;
  }

  get(hostport: string): Peer | undefined { return this.peers.get(hostport); }
  all(): Peer[] { return [...this.peers.values()]; }
  size(): number { return this.peers.size; }
  remove(hostport: string): void { const p = this.peers.get(hostport); if (p && !p.banned && !p.whitelisted) this.peers.delete(hostport); }

  record(hostport: string, ok: boolean): void {
    const p = this.peers.get(hostport);
    if (!p) return;
    const t = this.now();
    p.outcomes.push({ t, ok });
    const cutoff = t - PEER_LIFETIME_INTERVAL_MS;
    while (p.outcomes.length && p.outcomes[0].t < cutoff) p.outcomes.shift();
    if (ok) { p.failStreak = 0; } else {
      p.failStreak++;
      p.backoffUntil = t + Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (p.failStreak - 1));
    }
  }

  /** A peer that answered, but slower than the crawler's threshold: kept, but backed off (exponentially). */
  recordSlow(hostport: string, rttMs: number): void {
    const p = this.peers.get(hostport);
    if (!p) return;
    p.lastRttMs = rttMs;
    p.slowStreak++;
    p.backoffUntil = this.now() + Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (p.slowStreak - 1));
  }

  isBackingOff(hostport: string): boolean { return (this.peers.get(hostport)?.backoffUntil ?? 0) > this.now(); }

  health(hostport: string): number {
    const p = this.peers.get(hostport);
    if (!p || !p.outcomes.length) return 0;
    return p.outcomes.filter((o) => o.ok).length / p.outcomes.length;
  }

  ban(hostport: string, reason: string): void {
    this.add(hostport);
    const p = this.peers.get(hostport)!;
    p.banned = true;
    p.banReason = reason;
    p.inv = null;
  }

  isBanned(hostport: string): boolean { return !!this.peers.get(hostport)?.banned; }

  /** Peers we may contact now: not banned, not backing off; validated ones first, at most maxNeighbors. */
  contactable(): Peer[] {
    const t = this.now();
    return this.all()
      .filter((p) => !p.banned && p.backoffUntil <= t)
      .sort((a, b) => Number(b.validated) - Number(a.validated) || this.health(b.hostport) - this.health(a.hostport))
      .slice(0, this.maxNeighbors);
  }

  /** Live neighbours reported to others: ≥ 1 response, health ≥ 0.5, not the asker, shuffled, ≤ 80. */
  liveNeighbors(exclude?: string): string[] {
    const out = this.all()
      .filter((p) => !p.banned && p.hostport !== exclude && p.outcomes.some((o) => o.ok) && this.health(p.hostport) >= MIN_PEER_HEALTH)
      .map((p) => p.hostport);
    for (let i = out.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [out[i], out[j]] = [out[j], out[i]]; }
    return out.slice(0, NUM_NEIGHBORS);
  }
}
