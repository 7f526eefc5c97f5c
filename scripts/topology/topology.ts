// The production topology on one machine, as docs/operations/deploy.md describes it: two
// OpenConnect instances in production mode (started from deploy/systemd/openconnect@.service) on
// one PostgreSQL database of their own, nginx with TLS from a local CA in front
// (deploy/nginx/openconnect.conf), coturn for p2p relays (deploy/coturn/turnserver.conf) and the
// development LiveKit behind the same proxy. Every component must be installed: a missing one is
// an error that says how to install it, never a skip.
//
//   node --import tsx scripts/topology/topology.ts     # runs it until Ctrl-C, printing the URLs
//
// Fixed ports (18400-18499) and loopback addresses: instances 127.0.0.1:18401/18402, proxy
// https://localhost:18443 (app) and :18444 (LiveKit), LiveKit 127.0.0.1:18480, coturn
// 127.0.0.2:18478 with relay ports 18450-18470.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  ports,
  readUnit,
  renderCoturn,
  renderNginxSite,
  root,
  TURN_ADDRESS,
} from './deploy-files.ts';

export { ports, TURN_ADDRESS };

export interface Topology {
  /** The product's URL, through the TLS proxy: https://localhost:18443 */
  readonly url: string;
  /** LiveKit through the proxy, as browsers and the instances reach it. */
  readonly livekitUrl: string;
  /** Chromium flags that trust the local CA's server certificate (by its public key). */
  readonly chromiumArgs: string[];
  readonly admin: { email: string; password: string };
  readonly metricsToken: string;
  /** Where every component writes its log. */
  readonly dir: string;
  /** Stops instance `n` with SIGTERM (the drain) and waits for it to exit. */
  stopInstance(n: 1 | 2): Promise<void>;
  /** Starts instance `n` again and waits until it is ready. */
  startInstance(n: 1 | 2): Promise<void>;
  /** The last lines of a component's log, for failure messages. */
  tail(name: string, lines?: number): Promise<string>;
  close(): Promise<void>;
}

/** Fails with how to install a missing program. */
function need(program: string, install: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' });
  const where = found.stdout.trim() || (existsSync(program) ? program : '');
  try {
    accessSync(where, constants.X_OK);
  } catch {
    throw new Error(
      `topology: ${program} is not installed; install it with \`${install}\` (.ci/run does).`,
    );
  }
  return where;
}

function run(command: string, args: string[], input?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input });
  if (result.status !== 0) {
    throw new Error(`topology: ${command} ${args.join(' ')} failed: ${result.stderr}`);
  }
  return result.stdout;
}

/** A local CA and a certificate for localhost signed by it; returns the key's SPKI hash. */
function makeCertificates(dir: string): { spki: string; ca: string } {
  const ca = path.join(dir, 'ca.pem');
  const caKey = path.join(dir, 'ca-key.pem');
  const key = path.join(dir, 'privkey.pem');
  const csr = path.join(dir, 'server.csr');
  const cert = path.join(dir, 'fullchain.pem');
  const ext = path.join(dir, 'server.ext');
  run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    caKey,
    '-out',
    ca,
    '-days',
    '2',
    '-subj',
    '/CN=OpenConnect topology CA',
  ]);
  run('openssl', [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    csr,
    '-subj',
    '/CN=localhost',
  ]);
  spawnSync('sh', [
    '-c',
    `printf '%s\\n' 'subjectAltName=DNS:localhost,IP:127.0.0.1' 'extendedKeyUsage=serverAuth' > '${ext}'`,
  ]);
  run('openssl', [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-out',
    cert,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
  const spki = run('sh', [
    '-c',
    `openssl x509 -in '${cert}' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`,
  ]).trim();
  return { spki, ca };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`topology: ${what} not ready within ${timeoutMs} ms`);
}

const isUp = (url: string) => async () => (await fetch(url)).ok;

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/** Starts every component; `close()` stops them, drops the database and removes the folder. */
export async function startTopology(): Promise<Topology> {
  const nginx = need('/usr/sbin/nginx', 'apt-get install -y nginx-light');
  const turnserver = need('turnserver', 'apt-get install -y coturn');
  need('openssl', 'apt-get install -y openssl');
  if (!existsSync(path.join(root, 'apps/web/dist/index.html'))) {
    throw new Error('topology: the web app is not built: run `npm run build` first.');
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `topology_${process.pid}`;

  const dir = await mkdtemp(path.join(tmpdir(), 'openconnect-topology-'));
  const children = new Map<string, ChildProcess>();
  const cleanups: (() => Promise<void>)[] = [async () => rm(dir, { recursive: true, force: true })];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };

  const spawnLogged = (
    name: string,
    command: string,
    args: string[],
    env: Record<string, string> = {},
  ): ChildProcess => {
    const log = createWriteStream(path.join(dir, `${name}.log`), { flags: 'a' });
    const child = spawn(command, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children.set(name, child);
    return child;
  };
  const stop = async (name: string, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = children.get(name);
    if (!child?.pid) return;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited(child);
    clearTimeout(killer);
    children.delete(name);
  };

  try {
    // PostgreSQL: a database of its own, dropped at the end.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await client.end();
    });
    const databaseUrl = new URL(adminUrl);
    databaseUrl.pathname = `/${dbName}`;

    const tls = path.join(dir, 'tls');
    await mkdir(tls);
    const { spki, ca } = makeCertificates(tls);

    const secrets = {
      turn: randomBytes(24).toString('base64url'),
      metrics: randomBytes(24).toString('base64url'),
      signaling: randomBytes(32).toString('base64url'),
      livekitKey: 'topology-key',
      livekitSecret: randomBytes(32).toString('base64url'),
    };
    const url = `https://localhost:${ports.proxy}`;
    const livekitUrl = `wss://localhost:${ports.livekitProxy}`;
    const adminAccount = {
      email: 'admin@topology.test',
      password: randomBytes(12).toString('hex'),
    };

    // coturn, from the deployment's file.
    const turnConf = await renderCoturn(secrets.turn);
    await writeFile(path.join(dir, 'turnserver.conf'), turnConf);
    spawnLogged('coturn', turnserver, [
      '-c',
      path.join(dir, 'turnserver.conf'),
      '--allow-loopback-peers',
      '--pidfile',
      path.join(dir, 'turnserver.pid'),
      '--log-file',
      'stdout',
    ]);
    cleanups.push(() => stop('coturn'));

    // The development LiveKit; its webhooks go to the product through the proxy.
    spawnLogged(
      'livekit',
      process.execPath,
      [
        '--import',
        'tsx',
        'packages/livekit-dev/src/cli.ts',
        '--host',
        '127.0.0.1',
        '--port',
        String(ports.livekit),
        // One argument each: a random secret may start with '-', which a separate value would
        // make look like an option.
        `--api-key=${secrets.livekitKey}`,
        `--api-secret=${secrets.livekitSecret}`,
        '--webhook',
        `${url}/api/v1/webhooks/livekit`,
        '--recordings-dir',
        path.join(dir, 'recordings'),
      ],
      { NODE_EXTRA_CA_CERTS: ca },
    );
    cleanups.push(() => stop('livekit'));

    // nginx, from the deployment's file, inside a minimal main configuration.
    const site = await renderNginxSite(tls);
    await writeFile(path.join(dir, 'openconnect.conf'), site);
    await writeFile(
      path.join(dir, 'nginx.conf'),
      [
        'daemon off;',
        'worker_processes 1;',
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/nginx-error.log warn;`,
        'events { worker_connections 512; }',
        'http {',
        `  access_log ${dir}/nginx-access.log;`,
        // Which instance served which browser: the spec checks the pins held.
        "  log_format upstream 'pin=$cookie_openconnect_pin upstream=$upstream_addr $request';",
        `  access_log ${dir}/nginx-upstream.log upstream;`,
        `  client_body_temp_path ${dir}/nginx-body;`,
        `  proxy_temp_path ${dir}/nginx-proxy;`,
        `  fastcgi_temp_path ${dir}/nginx-fastcgi;`,
        `  uwsgi_temp_path ${dir}/nginx-uwsgi;`,
        `  scgi_temp_path ${dir}/nginx-scgi;`,
        `  include ${dir}/openconnect.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    run(nginx, ['-t', '-q', '-c', path.join(dir, 'nginx.conf')]);
    spawnLogged('nginx', nginx, ['-c', path.join(dir, 'nginx.conf')]);
    cleanups.push(() => stop('nginx', 'SIGQUIT'));

    // The instances' shared settings: what /etc/openconnect/openconnect.env holds in production.
    const envFile: Record<string, string> = {
      PUBLIC_URL: url,
      DATABASE_URL: databaseUrl.toString(),
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'info',
      METRICS_TOKEN: secrets.metrics,
      SIGNALING_SECRET: secrets.signaling,
      OPENCONNECT_BOOTSTRAP_EMAIL: adminAccount.email,
      OPENCONNECT_BOOTSTRAP_PASSWORD: adminAccount.password,
      FEATURE_LIVEKIT: 'true',
      LIVEKIT_URL: livekitUrl,
      LIVEKIT_API_KEY: secrets.livekitKey,
      LIVEKIT_SECRET: secrets.livekitSecret,
      RECORDINGS_DIR: path.join(dir, 'recordings'),
      TURN_URLS: `turn:${TURN_ADDRESS}:${ports.turn}?transport=udp`,
      TURN_SECRET: secrets.turn,
      // Media must go through coturn: the spec checks the selected candidate pair is a relay.
      P2P_ICE_TRANSPORT_POLICY: 'relay',
      // The instances call LiveKit's API through the proxy, whose certificate is the local CA's.
      NODE_EXTRA_CA_CERTS: ca,
    };
    await writeFile(
      path.join(dir, 'openconnect.env'),
      Object.entries(envFile)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') + '\n',
    );

    const stopSignals = new Map<number, NodeJS.Signals>();
    const startInstance = async (n: 1 | 2) => {
      const { env, command, stopSignal } = await readUnit(n, envFile);
      stopSignals.set(n, stopSignal);
      const child = spawnLogged(`instance-${n}`, command[0]!, command.slice(1), env);
      const ready = `http://127.0.0.1:${ports.instance(n)}/readyz`;
      const failed = exited(child).then(() => {
        throw new Error(`topology: instance ${n} exited (code ${child.exitCode})`);
      });
      await Promise.race([waitFor(`instance ${n}`, isUp(ready), 90_000), failed]);
      failed.catch(() => undefined);
    };
    const stopInstance = (n: 1 | 2) => stop(`instance-${n}`, stopSignals.get(n) ?? 'SIGTERM');
    cleanups.push(
      () => stopInstance(1),
      () => stopInstance(2),
    );

    // One at a time, as a rolling deployment does: the first runs the migrations and the seed.
    await startInstance(1);
    await startInstance(2);
    await waitFor('LiveKit', isUp(`http://127.0.0.1:${ports.livekit}/`), 30_000);
    await waitFor(
      'the proxy',
      async () => {
        const out = spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${ports.proxy}`], {
          input: '',
          encoding: 'utf8',
          timeout: 5_000,
        });
        return out.stdout.includes('BEGIN CERTIFICATE');
      },
      15_000,
    );
    await waitFor(
      'coturn',
      async () =>
        (await readFile(path.join(dir, 'coturn.log'), 'utf8')).includes('Total General servers'),
      15_000,
    );

    return {
      url,
      livekitUrl,
      chromiumArgs: [`--ignore-certificate-errors-spki-list=${spki}`],
      admin: adminAccount,
      metricsToken: secrets.metrics,
      dir,
      stopInstance,
      startInstance,
      async tail(name, lines = 40) {
        const text = await readFile(path.join(dir, `${name}.log`), 'utf8').catch(() => '');
        return text.split('\n').slice(-lines).join('\n');
      },
      close: closeAll,
    };
  } catch (error) {
    const logs = await Promise.all(
      [...children.keys()].map(async (name) => {
        const text = await readFile(path.join(dir, `${name}.log`), 'utf8').catch(() => '');
        return `--- ${name}\n${text.split('\n').slice(-15).join('\n')}`;
      }),
    );
    await closeAll();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n${logs.join('\n')}`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const topology = await startTopology();
  console.log(
    `OpenConnect: ${topology.url} (sign in as ${topology.admin.email} / ${topology.admin.password})`,
  );
  console.log(`LiveKit: ${topology.livekitUrl}; logs in ${topology.dir}`);
  console.log(`Chromium: ${topology.chromiumArgs.join(' ')}`);
  const stop = () => void topology.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
