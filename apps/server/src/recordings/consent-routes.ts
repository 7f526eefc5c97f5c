// Consent endpoints: a participant reads and answers the recording notice (visitors with their
// waiting-room entry's bearer token, staff in the call with their session); staff read a visit's
// consent now and a recording's consent record; administrators set whether recording needs
// everyone's consent.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AnswerConsentBody,
  IdParams,
  MyConsent,
  RecordingConsent,
  RecordingSettings,
  UpdateRecordingSettingsBody,
  VisitConsent,
  type StaffMember,
} from '@openconnect/contracts';
import { requireStaff } from '../auth/request-auth.ts';
import { AppError } from '../errors/app-error.ts';
import { authenticateVisitor } from '../lobby/lobby.ts';
import type { Services } from '../services.ts';
import { answerConsent, myConsent, type ConsentPerson } from './consent.ts';
import { recordingConsent, visitConsent } from './consent-records.ts';
import { getRecordingSettings, updateRecordingSettings } from './consent-settings.ts';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** The visitor holding an admitted entry's bearer token, as a person of its visit. */
async function visitorPerson(ctx: Services, request: FastifyRequest, entryId: string) {
  const entry = await authenticateVisitor(ctx, entryId, bearer(request));
  if (entry.status !== 'admitted')
    throw new AppError('FORBIDDEN', 'Only someone in the visit can answer its recording notice.');
  return {
    visitId: entry.room_id,
    identity: entry.identity,
    displayName: entry.display_name,
    role: 'visitor',
  } satisfies ConsentPerson;
}

/** The staff member's own place in the visit's call. */
async function staffPerson(ctx: Services, staff: StaffMember, visitId: string) {
  const row = await ctx.db
    .selectFrom('participants')
    .innerJoin('rooms', 'rooms.id', 'participants.room_id')
    .select(['participants.identity', 'participants.display_name', 'participants.role'])
    .select('rooms.facility_id')
    .where('participants.room_id', '=', visitId)
    .where('participants.staff_id', '=', staff.id)
    .where('participants.left_at', 'is', null)
    .orderBy('participants.issued_at', 'desc')
    .executeTakeFirst();
  if (!row || !staff.facilityIds.includes(row.facility_id))
    throw new AppError('FORBIDDEN', 'Join the visit’s call to answer its recording notice.');
  return {
    visitId,
    identity: row.identity,
    displayName: row.display_name,
    role: row.role,
    staff,
  } satisfies ConsentPerson;
}

export const consentRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/lobby/:id/recording-consent',
      {
        config: { public: true },
        schema: {
          tags: ['recordings'],
          description:
            'The visitor’s recording notice (their entry’s bearer token); asking it stores ' +
            'that they were asked.',
          params: IdParams,
          response: { 200: MyConsent },
        },
      },
      async (request) => myConsent(ctx, await visitorPerson(ctx, request, request.params.id)),
    );
    app.post(
      '/lobby/:id/recording-consent',
      {
        config: { public: true },
        schema: {
          tags: ['recordings'],
          description: 'The visitor answers the recording notice ("I understand" or leaving).',
          params: IdParams,
          body: AnswerConsentBody,
          response: { 200: MyConsent },
        },
      },
      async (request) =>
        answerConsent(ctx, await visitorPerson(ctx, request, request.params.id), request.body),
    );
    app.get(
      '/visits/:id/my-recording-consent',
      {
        schema: {
          tags: ['recordings'],
          description: 'The recording notice for the signed-in staff member in the visit’s call.',
          params: IdParams,
          response: { 200: MyConsent },
        },
      },
      async (request) =>
        myConsent(ctx, await staffPerson(ctx, await requireStaff(ctx, request), request.params.id)),
    );
    app.post(
      '/visits/:id/my-recording-consent',
      {
        schema: {
          tags: ['recordings'],
          description: 'The signed-in staff member in the call answers the recording notice.',
          params: IdParams,
          body: AnswerConsentBody,
          response: { 200: MyConsent },
        },
      },
      async (request) =>
        answerConsent(
          ctx,
          await staffPerson(ctx, await requireStaff(ctx, request), request.params.id),
          request.body,
        ),
    );
    app.get(
      '/visits/:id/recording-consent',
      {
        schema: {
          tags: ['recordings'],
          description:
            'Everyone present and their answer to the recording notice: for the recording ' +
            'under way, or for the next one.',
          params: IdParams,
          response: { 200: VisitConsent },
        },
      },
      async (request) => visitConsent(ctx, await requireStaff(ctx, request), request.params.id),
    );
    app.get(
      '/recordings/:id/consent',
      {
        schema: {
          tags: ['recordings'],
          description: 'A recording’s consent record: who was asked, what they answered, when.',
          params: IdParams,
          response: { 200: RecordingConsent },
        },
      },
      async (request) => recordingConsent(ctx, await requireStaff(ctx, request), request.params.id),
    );
    app.get(
      '/facilities/:id/recording-settings',
      {
        schema: { tags: ['recordings'], params: IdParams, response: { 200: RecordingSettings } },
      },
      async (request) =>
        getRecordingSettings(ctx, await requireStaff(ctx, request), request.params.id),
    );
    app.put(
      '/facilities/:id/recording-settings',
      {
        schema: {
          tags: ['recordings'],
          description: 'Whether recording needs everyone’s consent (administrators; audited).',
          params: IdParams,
          body: UpdateRecordingSettingsBody,
          response: { 200: RecordingSettings },
        },
      },
      async (request) =>
        updateRecordingSettings(
          ctx,
          await requireStaff(ctx, request),
          request.params.id,
          request.body,
        ),
    );
  };
