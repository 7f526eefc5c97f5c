// Parses the environment once into a frozen Config, or fails naming each bad variable.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envSchema, toConfig, type Config } from './schema.ts';

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const defaultWebDist = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../web/dist',
);

/** Validates `env` against the schema; throws ConfigError listing every problem. */
export function loadConfig(
  env: Record<string, string | undefined>,
  webDistDir: string = defaultWebDist,
): Config {
  // An empty value means unset, as in `.env.example`'s blank lines.
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const given = env[name];
      return `${name}: ${issue.message}${given === undefined ? '' : ` (got "${redact(name, given)}")`}`;
    });
    throw new ConfigError(problems);
  }
  const config = toConfig(parsed.data, webDistDir);
  const problems = crossCheck(config, known);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function redact(name: string, value: string): string {
  return /SECRET|PASSWORD|KEY|TOKEN|DATABASE_URL/.test(name) ? '***' : value;
}

/** Rules that span several variables. */
function crossCheck(config: Config, env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (config.providerType === 'livekit' && !config.featureLiveKit) {
    problems.push('PROVIDER_TYPE: "livekit" needs FEATURE_LIVEKIT=true (the global LiveKit gate)');
  }
  const lk = config.livekit;
  const someLiveKit = lk.url ?? lk.apiKey ?? lk.secret;
  if (someLiveKit !== undefined && !(lk.url && lk.apiKey && lk.secret)) {
    problems.push(
      'LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_SECRET: set all three to use a LiveKit server, or none',
    );
  }
  if (config.env === 'production' && config.featureLiveKit && !lk.url) {
    problems.push(
      'FEATURE_LIVEKIT: in production LiveKit needs LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_SECRET',
    );
  }
  if (!config.p2p.turn && (env.TURN_URLS?.trim() || env.TURN_SECRET)) {
    problems.push('TURN_URLS, TURN_SECRET: set both to issue TURN credentials, or neither');
  }
  const anyTurn =
    config.p2p.turn ??
    config.p2p.iceServers.some((s) => [s.urls].flat().some((url) => /^turns?:/.test(url)));
  if (config.p2p.iceTransportPolicy === 'relay' && !anyTurn) {
    problems.push(
      'P2P_ICE_TRANSPORT_POLICY: "relay" needs a TURN server (TURN_URLS or P2P_ICE_SERVERS)',
    );
  }
  if (config.env === 'production' && !config.metricsToken) {
    // Metrics name facilities and show traffic; on the internet they are not for anyone to read.
    problems.push('METRICS_TOKEN: production needs a token for /metrics (Authorization: Bearer …)');
  }
  return problems;
}
