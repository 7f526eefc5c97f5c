// The deployment's own files (deploy/), made fit for the CI topology: the nginx site, coturn's
// configuration and the systemd unit's command and environment. Only the values that name a
// production host change (ports, names, paths, secrets); a line that is no longer there is an
// error, so the files and the CI topology cannot drift apart.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The topology's fixed ports (18400-18499) and TURN's loopback address. */
export const ports = {
  instance: (n: number) => 18400 + n,
  proxy: 18443,
  livekitProxy: 18444,
  livekit: 18480,
  turn: 18478,
  relayMin: 18450,
  relayMax: 18470,
} as const;
export const TURN_ADDRESS = '127.0.0.2';

/** Replaces each `from` in `text` by its `to`; a `from` that is not there is an error (drift). */
export function render(file: string, text: string, replacements: [string, string][]): string {
  let out = text;
  for (const [from, to] of replacements) {
    if (!out.includes(from)) throw new Error(`topology: ${file} no longer contains "${from}"`);
    out = out.split(from).join(to);
  }
  return out;
}

const read = (file: string) => readFile(path.join(root, file), 'utf8');

/** deploy/nginx/openconnect.conf on the topology's ports, with certificates from `tlsDir`. */
export async function renderNginxSite(tlsDir: string): Promise<string> {
  const file = 'deploy/nginx/openconnect.conf';
  return render(file, await read(file), [
    ['listen 443 ssl http2;', `listen 127.0.0.1:${ports.proxy} ssl http2;`],
    ['listen 7443 ssl http2;', `listen 127.0.0.1:${ports.livekitProxy} ssl http2;`],
    ['server_name visits.example.org;', 'server_name localhost;'],
    ['server_name livekit.example.org;', 'server_name localhost;'],
    ['/etc/openconnect/tls/', `${tlsDir}/`],
    ['server 127.0.0.1:7880;', `server 127.0.0.1:${ports.livekit};`],
  ]);
}

/** deploy/coturn/turnserver.conf on TURN's loopback address and ports, with `secret`. */
export async function renderCoturn(secret: string): Promise<string> {
  const file = 'deploy/coturn/turnserver.conf';
  return render(file, await read(file), [
    ['static-auth-secret=change-me-to-the-value-of-TURN_SECRET', `static-auth-secret=${secret}`],
    ['realm=visits.example.org', 'realm=openconnect.test'],
    ['listening-ip=203.0.113.10', `listening-ip=${TURN_ADDRESS}`],
    ['relay-ip=203.0.113.10', `relay-ip=${TURN_ADDRESS}`],
    ['listening-port=3478', `listening-port=${ports.turn}`],
    ['min-port=49152', `min-port=${ports.relayMin}`],
    ['max-port=65535', `max-port=${ports.relayMax}`],
  ]);
}

export interface UnitCommand {
  env: Record<string, string>;
  command: string[];
  stopSignal: NodeJS.Signals;
}

/**
 * Instance `instance` of deploy/systemd/openconnect@.service, as systemd would start it: `%i`
 * filled in, Environment= lines, then `envFile` (systemd: EnvironmentFile= wins for the same
 * variable), ExecStart= and KillSignal=.
 */
export async function readUnit(
  instance: number,
  envFile: Record<string, string>,
): Promise<UnitCommand> {
  const unit = await read('deploy/systemd/openconnect@.service');
  const env: Record<string, string> = {};
  let command: string[] = [];
  let stopSignal: NodeJS.Signals = 'SIGTERM';
  for (const raw of unit.split('\n')) {
    const line = raw.trim().replaceAll('%i', String(instance));
    if (line.startsWith('Environment=')) {
      const [key, ...value] = line.slice('Environment='.length).split('=');
      env[key!] = value.join('=');
    } else if (line.startsWith('ExecStart=')) {
      command = line.slice('ExecStart='.length).split(/\s+/);
    } else if (line.startsWith('KillSignal=')) {
      stopSignal = line.slice('KillSignal='.length) as NodeJS.Signals;
    }
  }
  if (command.length === 0) throw new Error('topology: the systemd unit has no ExecStart=');
  return { env: { ...env, ...envFile }, command, stopSignal };
}
