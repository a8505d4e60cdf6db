// Child process of crawl.bench.mjs: serves the crawl routes (GET /v1/search …) over an existing SQLite crawl
// database, as the node's API process would, so the load generator does not share the server's event loop and
// the server's own CPU per request can be read from /proc. Prints {"port"} when listening.
import { serve } from '@hono/node-server';
import { crawl } from '../dist/node.js';

const db = new crawl.CrawlDb(process.argv[2]);
const index = new crawl.SqliteSearch(db.db);
const app = crawl.crawlRoutes({ db, index });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'));
process.on('SIGTERM', () => { server.close(); db.close(); process.exit(0); });
