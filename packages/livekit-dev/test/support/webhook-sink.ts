// A real HTTP server on 127.0.0.1 that receives webhooks, verifies them with livekit-server-sdk's
// WebhookReceiver, and lets a test wait for the events it expects.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';

/** One received webhook, as it arrived and as the SDK read it. */
export interface ReceivedWebhook {
  event: WebhookEvent;
  body: string;
  authorization: string | undefined;
  contentType: string | undefined;
}

/** A webhook receiver for tests. */
export interface WebhookSink {
  url: string;
  received: ReceivedWebhook[];
  /** Events the SDK refused, with its error. */
  rejected: { body: string; error: string }[];
  /** Answer the next `n` deliveries with this status instead of 200. */
  failNext(n: number, status: number): void;
  /** Resolves with the first received event matching `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (event: WebhookEvent) => boolean, timeoutMs?: number): Promise<WebhookEvent>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a sink that verifies with `apiKey`/`apiSecret`. */
export async function startWebhookSink(apiKey: string, apiSecret: string): Promise<WebhookSink> {
  const receiver = new WebhookReceiver(apiKey, apiSecret);
  const received: ReceivedWebhook[] = [];
  const rejected: { body: string; error: string }[] = [];
  const waiters = new Set<() => void>();
  let failures = { remaining: 0, status: 500 };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (failures.remaining > 0) {
        failures.remaining -= 1;
        res.writeHead(failures.status).end();
        return;
      }
      try {
        const event = await receiver.receive(body, req.headers.authorization);
        received.push({
          event,
          body,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
        });
        for (const wake of waiters) wake();
        res.writeHead(200).end();
      } catch (err) {
        rejected.push({ body, error: err instanceof Error ? err.message : String(err) });
        res.writeHead(401).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    rejected,
    failNext(n, status) {
      failures = { remaining: n, status };
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = received.find((r) => predicate(r.event));
          if (!hit) return false;
          cleanup();
          resolve(hit.event);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no matching webhook within ${timeoutMs} ms; got ${received.map((r) => r.event.event).join(', ')}`,
            ),
          );
        }, timeoutMs);
        const wake = () => void check();
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
        check();
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
