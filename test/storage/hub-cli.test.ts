/** `blockstack hub start --port P --storage DIR`: prints its URL when ready, serves hub_info; bad flags exit 2. */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempDir } from './helpers.ts';

const BIN = fileURLToPath(new URL('../../bin/blockstack.js', import.meta.url));

describe('blockstack hub start', () => {
  it('prints the URL once listening and answers hub_info', async () => {
    const child = spawn(process.execPath, [BIN, 'hub', 'start', '--port', '0', '--storage', tempDir(), '--server-name', 'cli.test'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (d) => resolve(String(d).trim()));
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const info = await (await fetch(`${url}/hub_info`)).json();
      expect(info).toEqual({
        challenge_text: '["gaiahub","0","cli.test","blockstack_storage_please_sign"]', latest_auth_version: 'v1',
        max_file_upload_size_megabytes: 20, read_url_prefix: `${url}/read/`,
      });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('missing --storage and a bad port are usage errors (exit 2)', () => {
    const a = spawnSync(process.execPath, [BIN, 'hub', 'start', '--port', '0'], { encoding: 'utf8' });
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('E_MISSING_STORAGE');
    const b = spawnSync(process.execPath, [BIN, 'hub', 'start', '--port', '70000', '--storage', tempDir()], { encoding: 'utf8' });
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('E_BAD_PORT');
  });
});
