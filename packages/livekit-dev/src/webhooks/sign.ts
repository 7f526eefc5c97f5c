// Webhook signing as LiveKit does it (livekit/protocol webhook/url_notifier.go): the body is the
// event's protobuf JSON; the `Authorization` header is a JWT signed with the API secret whose
// issuer is the API key and whose `sha256` claim is the base64 sha256 of the body, valid 5 minutes.
import { createHash } from 'node:crypto';
import { signJwt } from '../auth/jwt.ts';

/** The content type LiveKit posts webhooks with. */
export const WEBHOOK_CONTENT_TYPE = 'application/webhook+json';

/** Returns the `Authorization` header value for a webhook body. */
export function signWebhook(
  body: string,
  apiKey: string,
  apiSecret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const sha256 = createHash('sha256').update(body).digest('base64');
  return signJwt(
    { iss: apiKey, nbf: nowSeconds, exp: nowSeconds + 5 * 60, sha256, video: {} },
    apiSecret,
  );
}
