/** The microblog page: post, follow, a live timeline over the followees' `_pubsub` (browser WebSocket). */
import { WsTransport } from '../../bindings/pubsub/ws-client.ts';
import { $, action, pageSession, val } from '../lib/page.ts';
import { follow, follows, post, Timeline, type Connect } from './lib.ts';

const connect: Connect = (u) => WsTransport.connect(u);
const ctx = pageSession('microblog');
if (ctx) {
  const { s, c } = ctx;
  const drops: string[] = [];
  let tl: Timeline | null = null;
  const render = (list: { author: string; text: string; createdAt: string }[]) => $('timeline').replaceChildren(...list.map((p) => {
    const li = document.createElement('li');
    li.textContent = `${p.author}: ${p.text}`;
    li.title = p.createdAt;
    return li;
  }));
  const restart = async () => {
    await tl?.close();
    tl = new Timeline(c, s, { onUpdate: render, onDrop: (w) => { drops.push(w); $('drops').textContent = drops.join('\n'); } });
    const names = await follows(c);
    $('follows').textContent = names.join(', ') || '(nobody)';
    await tl.rebuild(names);
    await tl.watch(connect, names);
    $('live').textContent = names.length ? 'on' : 'off';
  };
  $('post').onclick = action('post-status', async () => {
    const r = await post(c, s, $<HTMLTextAreaElement>('text').value, { connect });
    $<HTMLTextAreaElement>('text').value = '';
    return r.published ? `posted ${r.ref.id}` : `posted ${r.ref.id} (followers not notified: ${r.error})`;
  });
  $('follow').onclick = action('follow-status', async () => {
    await follow(c, val('followee'));
    await restart();
    return `following ${val('followee')}`;
  });
  restart().catch((e: Error) => { $('drops').textContent = e.message; });
}
