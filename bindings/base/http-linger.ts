/**
 * @module base/http-linger — "lingering close" for node:http servers. When Node answers a request whose body
 * it has not read (a 413 on an oversized upload), it closes the socket at once; the peer's next write then
 * gets a reset and the peer may never read the answer. With this, the server half-closes instead (FIN after
 * the answer, still reading and dropping what arrives) and destroys the socket `ms` later at the latest.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export function lingeringClose(server: Server, ms = 2000): void {
  server.on('connection', (sock: Socket) => {
    sock.destroySoon = function destroySoon(this: Socket) {
      if (this.writable) this.end();
      setTimeout(() => this.destroy(), ms).unref();
      this.resume();
    };
  });
}
