import { describe, expect, it } from 'vitest';
import type { TelemetryBody } from '@openconnect/contracts';
import { createCallTelemetry, sendTelemetry, type TelemetryFetch } from './telemetry.ts';

function recorder(startedAt = 1_000) {
  let clock = startedAt;
  const sent: TelemetryBody[] = [];
  const telemetry = createCallTelemetry({
    provider: 'p2p',
    startedAt,
    now: () => clock,
    send: (report) => sent.push(report),
  });
  return {
    telemetry,
    sent,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('call telemetry', () => {
  it('reports the time from Join to connected once per call', () => {
    const { telemetry, sent, advance } = recorder();
    telemetry.state('connecting');
    advance(1234.4);
    telemetry.state('connected');
    telemetry.state('reconnecting');
    advance(5000);
    telemetry.state('connected');

    expect(sent.filter((r) => r.kind === 'time_to_connected')).toEqual([
      { provider: 'p2p', kind: 'time_to_connected', valueMs: 1234 },
    ]);
  });

  it('reports the first remote frame once', () => {
    const { telemetry, sent, advance } = recorder();
    advance(2500);
    telemetry.firstFrame();
    advance(100);
    telemetry.firstFrame();

    expect(sent).toEqual([{ provider: 'p2p', kind: 'time_to_first_frame', valueMs: 2500 }]);
  });

  it('reports each reconnect, but not a reconnect that repeats its own state', () => {
    const { telemetry, sent } = recorder();
    telemetry.state('connected');
    telemetry.state('reconnecting');
    telemetry.state('reconnecting');
    telemetry.state('connected');
    telemetry.state('reconnecting');

    expect(sent.filter((r) => r.kind === 'reconnect')).toEqual([
      { provider: 'p2p', kind: 'reconnect' },
      { provider: 'p2p', kind: 'reconnect' },
    ]);
  });

  it('does not count the first connection as a reconnect', () => {
    const { telemetry, sent } = recorder();
    telemetry.state('connecting');
    telemetry.state('reconnecting');
    expect(sent).toEqual([]);
  });

  it('leaves out a timing the server would refuse (over ten minutes)', () => {
    const { telemetry, sent, advance } = recorder();
    advance(600_001);
    telemetry.state('connected');
    expect(sent).toEqual([]);
  });
});

describe('sendTelemetry', () => {
  it('posts JSON with keepalive to the telemetry endpoint', () => {
    const calls: Array<{ input: string; init: RequestInit }> = [];
    const fetchImpl: TelemetryFetch = async (input, init) => {
      calls.push({ input, init });
      return new Response(null, { status: 204 });
    };
    sendTelemetry({ provider: 'livekit', kind: 'reconnect' }, fetchImpl);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.input).toBe('/api/v1/telemetry');
    expect(calls[0]?.init).toMatchObject({ method: 'POST', keepalive: true });
    expect(new Headers(calls[0]?.init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      provider: 'livekit',
      kind: 'reconnect',
    });
  });

  it('never throws or retries: a refusal, a network failure or a synchronous throw is dropped', async () => {
    let attempts = 0;
    const answers: TelemetryFetch[] = [
      async () => {
        attempts += 1;
        return new Response(null, { status: 429 });
      },
      async () => {
        attempts += 1;
        throw new TypeError('Failed to fetch');
      },
      () => {
        attempts += 1;
        throw new TypeError('keepalive budget exceeded');
      },
    ];
    for (const answer of answers) {
      expect(() => sendTelemetry({ provider: 'p2p', kind: 'reconnect' }, answer)).not.toThrow();
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(attempts).toBe(3);
  });
});
