/** `microblog` CLI: login, post, follow, unfollow, timeline, watch (see lib.ts). */
import { connectPubsub } from '../../bindings/pubsub/connect.ts';
import { appCli, runCli } from '../lib/cli.ts';
import { follow, post, Timeline } from './lib.ts';

const p = appCli('microblog', 'a microblog on Blockstack names, storage and pubsub', (program, ctx) => {
  program.command('post <text>').description('store a signed post, notify followers on my _pubsub').option('--as <name>').option('--json')
    .action(async (text: string, o: { as?: string; json?: boolean }) => {
      const x = ctx(o);
      const r = await post(x.c, x.s, text, { connect: (u) => connectPubsub(u) });
      x.out(`posted ${r.ref.id}${r.published ? '' : ` (not notified: ${r.error})`}`, r);
    });
  for (const [cmd, on] of [['follow', true], ['unfollow', false]] as const) {
    program.command(`${cmd} <name>`).option('--as <name>').option('--json').action(async (name: string, o: { as?: string; json?: boolean }) => {
      const x = ctx(o);
      const l = await follow(x.c, name, on);
      x.out(`following: ${l.join(', ') || '(nobody)'}`, { follows: l });
    });
  }
  program.command('timeline').description('rebuild my timeline from storage').option('--as <name>').option('--json')
    .action(async (o: { as?: string; json?: boolean }) => {
      const x = ctx(o);
      const drops: string[] = [];
      const posts = await new Timeline(x.c, x.s, { onDrop: (w) => drops.push(w) }).rebuild();
      for (const d of drops) console.error(`dropped: ${d}`);
      x.out(posts.map((q) => `${q.createdAt}  ${q.author}: ${q.text}`).join('\n') || '(empty)', { posts, dropped: drops });
    });
  program.command('watch').description('print the timeline, then every new post as it is announced (Ctrl-C stops)').option('--as <name>').option('--json')
    .action(async (o: { as?: string; json?: boolean }) => {
      const x = ctx(o);
      const seen = new Set<string>();
      const tl = new Timeline(x.c, x.s, {
        onUpdate: (posts) => { for (const q of posts) { const k = `${q.author}/${q.id}`; if (!seen.has(k)) { seen.add(k); x.out(`${q.createdAt}  ${q.author}: ${q.text}`, { post: q }); } } },
        onDrop: (w) => console.error(`dropped: ${w}`),
      });
      await tl.rebuild();
      await tl.watch((u) => connectPubsub(u));
      x.out('watching', { watching: true });
      await new Promise<void>((ok) => process.once('SIGINT', ok));
      await tl.close();
    });
});
await runCli(p);
