import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load.ts';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      providerType: 'p2p',
      // On in development, where the built-in LiveKit development server serves it.
      featureLiveKit: true,
      databaseUrl: undefined,
    });
    expect(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: 't' }).featureLiveKit).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).featureLiveKit).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names each bad variable and what it allows', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      PROVIDER_TYPE: 'jitsi',
      FEATURE_LIVEKIT: 'maybe',
    });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('got "eighty"');
    expect(problems.find((p) => p.startsWith('PROVIDER_TYPE:'))).toMatch(/p2p.*livekit/);
    expect(problems.find((p) => p.startsWith('FEATURE_LIVEKIT:'))).toContain('true or false');
  });

  it('never echoes secrets in its messages', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://user:hunter2@db/x',
      SIGNALING_SECRET: 'short-secret',
    });
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems.join('\n')).not.toContain('short-secret');
    expect(problems.join('\n')).toContain('DATABASE_URL: must be a postgres:// URL');
  });

  it('needs the LiveKit gate open before LiveKit can be the default provider', () => {
    expect(problemsOf({ PROVIDER_TYPE: 'livekit', FEATURE_LIVEKIT: 'false' })).toEqual([
      'PROVIDER_TYPE: "livekit" needs FEATURE_LIVEKIT=true (the global LiveKit gate)',
    ]);
  });

  it('takes all three LiveKit settings or none', () => {
    expect(problemsOf({ LIVEKIT_URL: 'wss://example.livekit.cloud' })[0]).toMatch(/set all three/);
    const config = loadConfig({
      FEATURE_LIVEKIT: 'true',
      LIVEKIT_URL: 'wss://example.livekit.cloud',
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_SECRET: 'secret',
    });
    expect(config.livekit).toEqual({
      url: 'wss://example.livekit.cloud',
      apiKey: 'key',
      secret: 'secret',
      requestTimeoutSeconds: 5,
    });
  });

  it('requires a real LiveKit deployment in production when LiveKit is enabled', () => {
    expect(problemsOf({ NODE_ENV: 'production', FEATURE_LIVEKIT: 'true' })[0]).toMatch(
      /production LiveKit needs LIVEKIT_URL/,
    );
  });

  it('parses the p2p ICE server list and rejects malformed JSON', () => {
    const config = loadConfig({ P2P_ICE_SERVERS: '[{"urls":"stun:stun.example.org:3478"}]' });
    expect(config.p2p.iceServers).toEqual([{ urls: 'stun:stun.example.org:3478' }]);
    expect(problemsOf({ P2P_ICE_SERVERS: 'stun:x' })[0]).toMatch(
      /^P2P_ICE_SERVERS: must be a JSON array/,
    );
  });

  it('takes TURN_URLS and TURN_SECRET together, and relay only with a TURN server', () => {
    const config = loadConfig({
      TURN_URLS: 'turn:127.0.0.2:3478?transport=udp, turns:turn.example.org:5349',
      TURN_SECRET: 'a-turn-secret-of-some-length',
      P2P_ICE_TRANSPORT_POLICY: 'relay',
    });
    expect(config.p2p.turn).toEqual({
      urls: ['turn:127.0.0.2:3478?transport=udp', 'turns:turn.example.org:5349'],
      secret: 'a-turn-secret-of-some-length',
      ttlSeconds: 600,
    });
    expect(config.p2p.iceTransportPolicy).toBe('relay');
    expect(loadConfig({}).p2p).toMatchObject({ turn: undefined, iceTransportPolicy: 'all' });
    expect(problemsOf({ TURN_URLS: 'turn:turn.example.org' })).toEqual([
      'TURN_URLS, TURN_SECRET: set both to issue TURN credentials, or neither',
    ]);
    expect(
      problemsOf({ TURN_URLS: 'stun:x.org', TURN_SECRET: 'a-turn-secret-of-some-length' })[0],
    ).toMatch(/^TURN_URLS: must be comma-separated turn: or turns: URLs/);
    expect(problemsOf({ P2P_ICE_TRANSPORT_POLICY: 'relay' })[0]).toMatch(/needs a TURN server/);
    const problems = problemsOf({ TURN_URLS: 'turn:x.org', TURN_SECRET: 'short-secret' });
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('drops a trailing slash from PUBLIC_URL so links are built cleanly', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://visits.example.org/' }).publicUrl).toBe(
      'https://visits.example.org',
    );
  });
});

describe('loadConfig with blank values', () => {
  it('treats an empty variable as unset, as .env.example leaves them', () => {
    const config = loadConfig({
      FEATURE_LIVEKIT: '',
      OPENCONNECT_BOOTSTRAP_EMAIL: '',
      RECORDINGS_DIR: '',
      NODE_ENV: 'production',
      METRICS_TOKEN: 'a-metrics-token',
    });
    expect(config.featureLiveKit).toBe(false);
    expect(config.bootstrap.email).toBeUndefined();
  });
});
