/**
 * @module storage/client/seen-store — the persisted newest-seen cache behind rollback protection: for each
 * `<address>/<path>` the highest manifest version (and its sha256) this client has accepted. A read older
 * than that, or the same version with other bytes, is refused. Stores: memory, a JSON file (Node/Deno, via a
 * lazy `node:fs` import so browsers never load it) and Web Storage (browsers).
 */
export interface SeenEntry {
  version: number;
  sha256: string;
}

export interface SeenStore {
  get(key: string): Promise<SeenEntry | undefined>;
  set(key: string, entry: SeenEntry): Promise<void>;
}

export class MemorySeenStore implements SeenStore {
  private readonly map = new Map<string, SeenEntry>();
  async get(key: string) {
    return this.map.get(key);
  }
  async set(key: string, entry: SeenEntry) {
    this.map.set(key, entry);
  }
}

/** One JSON object on disk, rewritten atomically (temp file + rename) on each update. */
export class JsonFileSeenStore implements SeenStore {
  private data: Record<string, SeenEntry> | null = null;
  private chain: Promise<void> = Promise.resolve();
  constructor(readonly file: string) {}

  private async load(): Promise<Record<string, SeenEntry>> {
    if (this.data) return this.data;
    const fs = await import('node:fs/promises');
    try {
      this.data = JSON.parse(await fs.readFile(this.file, 'utf8')) as Record<string, SeenEntry>;
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') throw e;
      this.data = {};
    }
    return this.data;
  }

  async get(key: string) {
    return (await this.load())[key];
  }

  async set(key: string, entry: SeenEntry) {
    const data = await this.load();
    data[key] = entry;
    const text = JSON.stringify(data);
    this.chain = this.chain.then(async () => {
      const fs = await import('node:fs/promises');
      const tmp = `${this.file}.${Math.random().toString(36).slice(2)}.tmp`;
      await fs.writeFile(tmp, text);
      await fs.rename(tmp, this.file);
    });
    await this.chain;
  }
}

/** Browsers: `localStorage` (or any Storage-shaped object). */
export class WebStorageSeenStore implements SeenStore {
  constructor(private readonly storage: { getItem(k: string): string | null; setItem(k: string, v: string): void }, private readonly prefix = 'gaia-seen:') {}
  async get(key: string) {
    const v = this.storage.getItem(this.prefix + key);
    return v ? (JSON.parse(v) as SeenEntry) : undefined;
  }
  async set(key: string, entry: SeenEntry) {
    this.storage.setItem(this.prefix + key, JSON.stringify(entry));
  }
}
