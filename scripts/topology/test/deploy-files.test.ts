// The CI topology runs the deployment's own files: these checks fail as soon as a file in deploy/
// changes in a way the topology would no longer follow, before any browser starts.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ports,
  readUnit,
  render,
  renderCoturn,
  renderNginxSite,
  TURN_ADDRESS,
} from '../deploy-files.ts';

describe('the deployment files the topology runs', () => {
  it('starts instance N from the systemd unit: production, port 1840N, behind the proxy', async () => {
    const unit = await readUnit(2, { DATABASE_URL: 'postgres://db/x', TRUST_PROXY: 'false' });
    expect(unit.command).toEqual([
      '/usr/bin/env',
      'node',
      '--import',
      'tsx',
      'apps/server/src/main.ts',
    ]);
    expect(unit.stopSignal).toBe('SIGTERM');
    expect(unit.env).toMatchObject({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(ports.instance(2)),
      DATABASE_URL: 'postgres://db/x',
      // The environment file wins over the unit's Environment=, as in systemd.
      TRUST_PROXY: 'false',
    });
  });

  it('puts the nginx site on the topology ports, sending the pin cookie to each instance', async () => {
    const site = await renderNginxSite('/tmp/tls');
    expect(site).toContain(`listen 127.0.0.1:${ports.proxy} ssl http2;`);
    expect(site).toContain('ssl_certificate /tmp/tls/fullchain.pem;');
    expect(site).toContain(`server 127.0.0.1:${ports.livekit};`);
    for (const n of [1, 2]) {
      expect(site).toContain(
        `upstream openconnect_${n} { server 127.0.0.1:${ports.instance(n)}; }`,
      );
      expect(site).toContain(`"${n}" openconnect_${n};`);
    }
    expect(site).not.toMatch(/example\.org|\/etc\/openconnect/);
  });

  it('runs coturn with use-auth-secret on its loopback address and the relay port range', async () => {
    const conf = await renderCoturn('the-secret');
    expect(conf.split('\n')).toEqual(
      expect.arrayContaining([
        'use-auth-secret',
        'static-auth-secret=the-secret',
        `listening-ip=${TURN_ADDRESS}`,
        `relay-ip=${TURN_ADDRESS}`,
        `listening-port=${ports.turn}`,
        `min-port=${ports.relayMin}`,
        `max-port=${ports.relayMax}`,
      ]),
    );
    expect(conf).not.toContain('change-me');
  });

  it('refuses a file that no longer has a line it replaces', () => {
    expect(() => render('x.conf', 'listen 80;', [['listen 443 ssl http2;', 'listen 1;']])).toThrow(
      'topology: x.conf no longer contains "listen 443 ssl http2;"',
    );
  });

  it('gives nginx a site it accepts', async () => {
    const nginx = '/usr/sbin/nginx';
    expect(
      spawnSync(nginx, ['-v']).error,
      'nginx is not installed: apt-get install -y nginx-light',
    ).toBeUndefined();
    const dir = await mkdtemp(path.join(tmpdir(), 'openconnect-nginx-'));
    try {
      const tls = path.join(dir, 'tls');
      spawnSync('mkdir', [tls]);
      const made = spawnSync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        path.join(tls, 'privkey.pem'),
        '-out',
        path.join(tls, 'fullchain.pem'),
      ]);
      expect(made.status).toBe(0);
      await writeFile(path.join(dir, 'site.conf'), await renderNginxSite(tls));
      await writeFile(
        path.join(dir, 'nginx.conf'),
        `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  include ${dir}/site.conf;\n}\n`,
      );
      const checked = spawnSync(nginx, ['-t', '-q', '-c', path.join(dir, 'nginx.conf')], {
        encoding: 'utf8',
      });
      expect(checked.stderr).toBe('');
      expect(checked.status).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
