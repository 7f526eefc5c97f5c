// The shape of one Twirp method: its request message class and a handler that receives the decoded
// request with the caller's verified token.
import type { VerifiedToken } from '../auth/claims.ts';
import type { EncodableMessage, MessageClass } from './codec.ts';

/** What a handler knows about the call besides its request. */
export interface CallContext {
  /** The verified access token, or undefined when the request carried none. */
  token: VerifiedToken | undefined;
}

/** One Twirp method. */
export interface TwirpMethod {
  input: MessageClass<EncodableMessage>;
  handle(
    request: EncodableMessage,
    call: CallContext,
  ): EncodableMessage | Promise<EncodableMessage>;
}

/** Methods of one service, by method name. */
export type TwirpService = Record<string, TwirpMethod>;

/** Declares a method with its request type, keeping the handler's request typed. */
export function method<T extends EncodableMessage>(
  input: MessageClass<T>,
  handle: (request: T, call: CallContext) => EncodableMessage | Promise<EncodableMessage>,
): TwirpMethod {
  // The router only ever passes a message decoded with `input`, so the narrowing is sound.
  return { input, handle: (request, call) => handle(request as T, call) };
}
