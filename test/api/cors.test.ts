// CORS as Core answers it: every reply (errors too) carries Allow-Origin *, preflights get 204 + methods/headers.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../bindings/api/app.ts';
import { fakeView } from '../fixtures/api/fake-view.ts';

const app = createApp(fakeView());

describe('CORS', () => {
  it('answers a preflight with 204 and the allowed methods and headers', async () => {
    const r = await app.request('/v1/names/alice.id', { method: 'OPTIONS', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' } });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(r.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
  it('puts Allow-Origin * on successes, 404s and 400s alike', async () => {
    for (const p of ['/v1/node/ping', '/v1/nope', '/v1/names/NOT%20A%20NAME']) {
      const r = await app.request(p);
      expect(r.headers.get('access-control-allow-origin'), p).toBe('*');
    }
  });
});
