// Twirp request and response bodies in both content types twirp-go serves: `application/json`
// (protobuf JSON; responses use proto field names and include default values, as twirp-go v8
// does) and `application/protobuf` (binary).
import { TwirpError } from './errors.ts';

/** A protobuf-es message instance, as far as the codec needs it. */
export interface EncodableMessage {
  toBinary(): Uint8Array;
  toJsonString(options?: { emitDefaultValues?: boolean; useProtoFieldName?: boolean }): string;
}

/** A protobuf-es message class, as far as the codec needs it. */
export interface MessageClass<T extends EncodableMessage> {
  fromBinary(bytes: Uint8Array): T;
  fromJsonString(json: string, options?: { ignoreUnknownFields?: boolean }): T;
}

/** The two encodings Twirp speaks. */
export type TwirpEncoding = 'json' | 'protobuf';

/** Picks the encoding from a Content-Type header, as twirp-go does (parameters ignored). */
export function encodingOf(contentType: string | undefined): TwirpEncoding {
  const base = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (base === 'application/json') return 'json';
  if (base === 'application/protobuf') return 'protobuf';
  throw new TwirpError(
    'bad_route',
    `unexpected Content-Type: ${JSON.stringify(contentType ?? '')}`,
  );
}

/** Decodes a request body; undecodable input is Twirp's `malformed`. */
export function decodeRequest<T extends EncodableMessage>(
  type: MessageClass<T>,
  body: Buffer,
  encoding: TwirpEncoding,
): T {
  try {
    if (encoding === 'protobuf') return type.fromBinary(body);
    const text = body.length === 0 ? '{}' : body.toString('utf8');
    return type.fromJsonString(text, { ignoreUnknownFields: true });
  } catch (err) {
    const what =
      encoding === 'json'
        ? 'the json request could not be decoded'
        : 'the protobuf request could not be decoded';
    throw new TwirpError(
      'malformed',
      `${what}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Encodes a response message; returns the body and its content type. */
export function encodeResponse(
  message: EncodableMessage,
  encoding: TwirpEncoding,
): { body: Buffer; contentType: string } {
  if (encoding === 'protobuf') {
    return { body: Buffer.from(message.toBinary()), contentType: 'application/protobuf' };
  }
  const json = message.toJsonString({ emitDefaultValues: true, useProtoFieldName: true });
  return { body: Buffer.from(json), contentType: 'application/json' };
}
