// Turns every error into the API's error model. Nothing else writes error responses.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode } from '@openconnect/contracts';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors/app-error.ts';
import { httpStatusFor } from '../errors/http-status.ts';
import { ProviderError } from '../providers/provider-error.ts';

/** Sends the error model for `code`. */
export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: unknown,
): FastifyReply {
  const body: ErrorBody = {
    error: { code, message, ...(details === undefined ? {} : { details }), requestId: request.id },
  };
  return reply.status(httpStatusFor(code)).type('application/json').send(body);
}

// Fastify's own errors for bad requests, by code.
const fastifyCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'UNSUPPORTED_MEDIA_TYPE',
    'Send the request body as JSON (Content-Type: application/json).',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    'MALFORMED_REQUEST',
    'The JSON body is empty; send {} for no fields.',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['MALFORMED_REQUEST', 'The Content-Length header is wrong.'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['MALFORMED_REQUEST', 'The request body is not valid JSON.'],
};

/** Installs the error and not-found handlers. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (httpStatusFor(error.code) >= 500) request.log.error({ err: error }, error.message);
      return sendError(reply, request, error.code, error.message, error.details);
    }
    if (error instanceof ProviderError) {
      // The cause is logged through the err serializer (under err.cause), which keeps database
      // internals out; logged raw it would be dumped whole.
      request.log.warn({ err: error, provider: error.provider }, 'provider error');
      if (error.retryable) reply.header('retry-after', '2');
      return sendError(reply, request, error.code, error.message);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        in: error.validationContext,
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message,
      }));
      return sendError(
        reply,
        request,
        'VALIDATION_FAILED',
        'Some fields are missing or invalid.',
        details,
      );
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return sendError(reply, request, known[0], known[1]);
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return sendError(reply, request, 'MALFORMED_REQUEST', 'The request body is not valid JSON.');
    }
    if (error.statusCode === 429) {
      return sendError(reply, request, 'RATE_LIMITED', 'Too many requests; try again shortly.');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, request, 'MALFORMED_REQUEST', 'The request could not be understood.');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, request, 'INTERNAL', 'Something went wrong on our side; try again.');
  });
}
