/**
 * @module dns/ratelimit — per-source token bucket (queries per second, burst = 2 s worth). A source over
 * its budget is not answered (UDP: dropped, so the gateway cannot be used to amplify floods).
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; t: number }>();
  /** `perSecond` 0 = unlimited. */
  constructor(readonly perSecond: number, readonly burst = perSecond * 2, private now: () => number = () => performance.now()) {}

  allow(source: string): boolean {
    if (this.perSecond <= 0) return true;
    const t = this.now();
    let b = this.buckets.get(source);
    if (!b) {
      if (this.buckets.size >= 100_000) this.sweep(t);
      b = { tokens: this.burst, t };
      this.buckets.set(source, b);
    } else {
      b.tokens = Math.min(this.burst, b.tokens + ((t - b.t) / 1000) * this.perSecond);
      b.t = t;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Forgets sources whose bucket has refilled (bounded memory under spoofed-source floods). */
  private sweep(t: number): void {
    const full = (this.burst / this.perSecond) * 1000;
    for (const [k, b] of this.buckets) if (t - b.t >= full) this.buckets.delete(k);
    if (this.buckets.size >= 100_000) this.buckets.clear();
  }
}
