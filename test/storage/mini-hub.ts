/**
 * A second, independent Gaia-style hub written from the spec (§3, §9) for tests: in memory, plain node:http,
 * tokens checked with jsontokens + @stacks/encryption (not our code), quoted SHA-1 etags (our client must
 * echo whatever it is given), reads under `/files/`, opaque base64 page tokens. Fault hooks let tests make
 * it fail, lag, or serve stale/tampered bytes like a hostile provider.
 */
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { decodeToken, TokenVerifier } from 'jsontokens';
import { publicKeyToBtcAddress } from '@stacks/encryption';

export interface MiniObject { body: Buffer; contentType: string; etag: string }

export class MiniHub {
  readonly files = new Map<string, MiniObject>();
  failWrites = false;
  delayMs = 0;
  url = '';
  private server: Server | null = null;
  constructor(readonly serverName = 'mini.example') {}

  private challenge() {
    return JSON.stringify(['gaiahub', '0', this.serverName, 'blockstack_storage_please_sign']);
  }

  private authorized(header: string | undefined, address: string): boolean {
    if (!header?.toLowerCase().startsWith('bearer v1:')) return false;
    const token = header.slice('bearer v1:'.length);
    try {
      const payload = decodeToken(token).payload as Record<string, string>;
      if (payload.gaiaChallenge !== this.challenge()) return false;
      if (publicKeyToBtcAddress(payload.iss) !== address) return false;
      return new TokenVerifier('ES256K', payload.iss).verify(token);
    } catch {
      return false;
    }
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks);
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      const send = (status: number, obj?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Access-Control-Allow-Origin': '*', ...(obj === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers });
        res.end(obj === undefined ? undefined : JSON.stringify(obj));
      };
      const url = decodeURIComponent(req.url!.split('?')[0]);
      let m: RegExpExecArray | null;
      if (req.method === 'GET' && (url === '/hub_info' || url === '/hub_info/')) {
        return send(200, { challenge_text: this.challenge(), latest_auth_version: 'v1', max_file_upload_size_megabytes: 5, read_url_prefix: `${this.url}/files/` });
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && (m = /^\/files\/([^/]+)\/(.+)$/.exec(url))) {
        const f = this.files.get(`${m[1]}/${m[2]}`);
        if (!f) return send(404, { message: 'File does not exist', error: 'DoesNotExist' });
        res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': f.contentType, ETag: f.etag });
        return res.end(req.method === 'HEAD' ? undefined : f.body);
      }
      if (req.method === 'POST' && (m = /^\/store\/([a-zA-Z0-9]+)\/(.+)$/.exec(url))) {
        if (!this.authorized(req.headers.authorization, m[1])) return send(401, { message: 'bad token', error: 'ValidationError' });
        if (this.failWrites) return send(503, { message: 'Server Error' });
        const key = `${m[1]}/${m[2]}`;
        const cur = this.files.get(key);
        const ifMatch = req.headers['if-match'];
        if (ifMatch && ifMatch !== '*' && cur?.etag !== ifMatch) return send(412, { message: 'etag mismatch', error: 'PreconditionFailedError' });
        if (req.headers['if-none-match'] === '*' && cur) return send(412, { message: 'exists', error: 'PreconditionFailedError' });
        const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
        this.files.set(key, { body, contentType: req.headers['content-type'] ?? 'application/octet-stream', etag });
        return send(202, { publicURL: `${this.url}/files/${key}`, etag });
      }
      if (req.method === 'DELETE' && (m = /^\/delete\/([a-zA-Z0-9]+)\/(.+)$/.exec(url))) {
        if (!this.authorized(req.headers.authorization, m[1])) return send(401, { message: 'bad token', error: 'ValidationError' });
        if (!this.files.delete(`${m[1]}/${m[2]}`)) return send(404, { message: 'File does not exist', error: 'DoesNotExist' });
        return send(202);
      }
      if (req.method === 'POST' && (m = /^\/list-files\/([a-zA-Z0-9]+)\/?$/.exec(url))) {
        if (!this.authorized(req.headers.authorization, m[1])) return send(401, { message: 'bad token', error: 'ValidationError' });
        const { page } = JSON.parse(body.toString() || '{}');
        const start = page ? Number(Buffer.from(page, 'base64').toString()) : 0;
        const names = [...this.files.keys()].filter((k) => k.startsWith(`${m![1]}/`)).map((k) => k.slice(m![1].length + 1)).sort();
        const entries = names.slice(start, start + 3);
        const next = start + 3 < names.length ? Buffer.from(String(start + 3)).toString('base64') : null;
        return send(202, { entries, page: next });
      }
      send(404, { message: 'no route' });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((r) => {
      this.server?.closeAllConnections();
      this.server?.close(() => r());
    });
  }
}
