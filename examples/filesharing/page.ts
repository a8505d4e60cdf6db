/** The file-sharing page (redirect sign-in; everything else runs in the browser). */
import { $, action, pageSession, show, val } from '../lib/page.ts';
import { fetchShared, listShared, share } from './lib.ts';

const ctx = pageSession('filesharing');
if (ctx) {
  const { s, c } = ctx;
  $('share').onclick = action('share-status', async () => {
    const f = $<HTMLInputElement>('file').files?.[0];
    const data = f ? new Uint8Array(await f.arrayBuffer()) : val('text');
    const e = await share(c, s, val('to'), val('fname') || f?.name || 'note.txt', data);
    return `shared ${e.path} (${e.size} bytes) with ${val('to')}`;
  });
  $('list').onclick = action('list-status', async () => {
    const from = val('from');
    const files = await listShared(c, s, from);
    const ul = $('files');
    ul.replaceChildren(...files.map((f) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.textContent = `open ${f.path}`;
      b.dataset.path = f.path;
      b.onclick = () => fetchShared(c, s, from, f.path).then(
        (d) => { $('content').textContent = typeof d === 'string' ? d : new TextDecoder().decode(d); show('list-status', `${f.path}: verified and decrypted`); },
        (e: Error) => { $('content').textContent = ''; show('list-status', e.message, true); });
      li.append(`${f.path} (${f.size} bytes, ${f.sharedAt}) `, b);
      return li;
    }));
    return `${files.length} file(s) from ${from}`;
  });
}
