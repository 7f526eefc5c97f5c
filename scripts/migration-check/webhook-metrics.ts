// How many LiveKit webhooks the server has verified, read from its /metrics: the server observes
// `openconnect_webhook_lag_seconds` only after a webhook's signature checked out.
import type { OpenConnectApi } from './openconnect-api.ts';

export type WebhookCount = { readable: true; count: number } | { readable: false; why: string };

const LINE =
  /^openconnect_webhook_lag_seconds_count\{[^}]*provider="livekit"[^}]*\}\s+(\d+(?:\.\d+)?)/m;

/** The counter now; `readable: false` when /metrics is closed to this check. */
export async function readWebhookCount(
  api: OpenConnectApi,
  token: string | undefined,
  signal: AbortSignal,
): Promise<WebhookCount> {
  const res = await api.request<string>('GET', '/metrics', {
    signal,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.status !== 200)
    return {
      readable: false,
      why: `GET /metrics answered ${res.status}${token ? '' : '; set METRICS_TOKEN'}`,
    };
  const match = LINE.exec(typeof res.body === 'string' ? res.body : '');
  return { readable: true, count: match ? Number(match[1]) : 0 };
}
