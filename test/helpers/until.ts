/**
 * Polling for tests that wait on something asynchronous (a delivery, a reconnection, a node catching up):
 * `until(what, probe)` calls `probe` every `every` ms until it returns a truthy value, which it returns, or
 * throws `timed out waiting for <what>` after `ms`.
 */
export async function until<T>(what: string, probe: () => T | Promise<T>, ms = 20_000, every = 50): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, every));
  }
}
