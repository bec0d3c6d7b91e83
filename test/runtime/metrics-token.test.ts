/**
 * `/metrics` behind a token: with PINGTAI_METRICS_TOKEN set, Prometheus must send it as a bearer
 * token; anything else is a JSON 401 that tells nothing of the figures. A token too short to be
 * safe, or a bad PORT, stops `serve` with a message naming the variable, and no other command.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvironmentError, serverOptionsFromEnv } from '../../runtime/server';
import { startTestServer, type TestServer } from './support/test-server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'scrape-7f3a9c21d4e8b605';

describe('/metrics with a metrics token', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer({ name: 'sqlite' }, { metricsToken: TOKEN });
  });
  afterAll(async () => {
    await ts?.close();
  });

  it.each<{ name: string; headers: Record<string, string> }>([
    { name: 'no Authorization header', headers: {} },
    { name: 'a wrong token', headers: { authorization: `Bearer ${TOKEN}x` } },
    { name: 'the token with another scheme', headers: { authorization: `Basic ${TOKEN}` } },
    { name: 'a county API token', headers: {} },
  ])('401 with $name, and no figures', async ({ name, headers }) => {
    const res = await ts.request('GET', '/metrics', name === 'a county API token' ? { token: ts.adminToken } : { headers });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'unauthorized', field: 'headers.authorization' });
    expect(res.body.error.message).toContain('PINGTAI_METRICS_TOKEN');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.text).not.toContain('pingtai_');
  });

  it('200 with the figures for the token', async () => {
    const res = await ts.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('# TYPE pingtai_intake_total counter');
  });

  it('health and readiness stay open (load balancers probe them without credentials)', async () => {
    expect((await ts.request('GET', '/healthz')).status).toBe(200);
    expect((await ts.request('GET', '/readyz')).status).toBe(200);
  });
});

describe('the server environment', () => {
  it('reads PINGTAI_METRICS_TOKEN, and refuses one that is short or has spaces', () => {
    expect(serverOptionsFromEnv({ PINGTAI_METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(serverOptionsFromEnv({}).metricsToken).toBeUndefined();
    expect(() => serverOptionsFromEnv({ PINGTAI_METRICS_TOKEN: 'short' })).toThrow(EnvironmentError);
    expect(() => serverOptionsFromEnv({ PINGTAI_METRICS_TOKEN: 'has a space in it, 25 chars' })).toThrow(/PINGTAI_METRICS_TOKEN/);
  });

  it('reads PINGTAI_PUBLIC_URL and PINGTAI_TRUST_PROXY, and names either when it cannot use it', () => {
    expect(serverOptionsFromEnv({ PINGTAI_PUBLIC_URL: 'https://311.example.gov.cn/' }).publicUrl).toBe('https://311.example.gov.cn');
    expect(serverOptionsFromEnv({ PINGTAI_PUBLIC_URL: 'http://10.0.0.5:8080/pingtai' }).publicUrl).toBe('http://10.0.0.5:8080/pingtai');
    for (const bad of ['311.example.gov.cn', 'ftp://x', 'https://u:p@x', 'https://x/?a=1']) expect(() => serverOptionsFromEnv({ PINGTAI_PUBLIC_URL: bad })).toThrow(/PINGTAI_PUBLIC_URL/);
    expect(() => serverOptionsFromEnv({ PINGTAI_TRUST_PROXY: 'true' })).toThrow(/number of proxies/);
    expect(serverOptionsFromEnv({ PINGTAI_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(serverOptionsFromEnv({ PINGTAI_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => serverOptionsFromEnv({ PINGTAI_TRUST_PROXY: 'x;rm' })).toThrow(/PINGTAI_TRUST_PROXY/);
    expect(serverOptionsFromEnv({})).toMatchObject({ publicUrl: undefined, trustProxy: undefined });
  });

  const pingtai = promisify(execFile);
  const cli = async (env: Record<string, string>, ...args: string[]) => {
    try {
      const { stdout, stderr } = await pingtai(process.execPath, ['--import', 'tsx', 'runtime/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', PINGTAI_DATA: '', ...env }, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('serve stops at once with a message naming the variable; other commands are not affected', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pingtai-env-'));
    try {
      const short = await cli({ PINGTAI_METRICS_TOKEN: 'short' }, 'serve', '--port', '0', '--data', dir);
      expect(short.code).toBe(1);
      expect(short.stderr.trim()).toBe('error: PINGTAI_METRICS_TOKEN must be at least 16 characters without spaces (it has 5)');
      const port = await cli({ PORT: 'abc' }, 'serve', '--data', dir);
      expect(port.code).toBe(1);
      expect(port.stderr.trim()).toBe('error: PORT must be a port number (0–65535), not "abc"');
      const migrate = await cli({ PORT: 'abc', PINGTAI_METRICS_TOKEN: 'short' }, 'migrate', '--data', dir);
      expect(migrate).toMatchObject({ code: 0, stdout: expect.stringContaining('applied: 0001-initial') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
