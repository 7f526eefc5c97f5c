// Encoding of the signal WebSocket's frames: protobuf `SignalRequest` in, `SignalResponse` out,
// with LiveKit's JSON form accepted from clients that send text frames.
import { SignalRequest, SignalResponse } from '@livekit/protocol';

/** The `message` union of a SignalResponse, for building responses inline. */
export type SignalResponseMessage = SignalResponse['message'];

/** Decodes one WebSocket frame into a SignalRequest (binary protobuf, or JSON for text frames). */
export function decodeSignalRequest(
  data: Buffer | ArrayBuffer | Buffer[],
  isBinary: boolean,
): SignalRequest {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (!isBinary) {
    return SignalRequest.fromJson(JSON.parse(bytes.toString('utf8')), {
      ignoreUnknownFields: true,
    });
  }
  return SignalRequest.fromBinary(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Encodes a SignalResponse message for the wire (binary protobuf, or JSON text). */
export function encodeSignalResponse(
  message: SignalResponseMessage,
  json = false,
): Uint8Array | string {
  const response = new SignalResponse({ message });
  return json ? response.toJsonString() : response.toBinary();
}
