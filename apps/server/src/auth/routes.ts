// Staff sign-in, sign-out and "who am I".
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SignInBody, StaffMember } from '@openconnect/contracts';
import { AppError } from '../errors/app-error.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import type { Services } from '../services.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { SESSION_COOKIE, createSession, deleteSession, loadStaffMember } from './sessions.ts';
import { requireStaff } from './request-auth.ts';

// Compared against when the email is unknown, so both paths cost one scrypt.
const decoyHash = hashPassword('decoy password that matches nothing');

// Long by listing, not by logic: one short handler per route of this domain, read top to bottom.
export const authRoutes =
  (ctx: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const { db, config } = ctx;
    // Every attempt costs a scrypt, so one address gets a bounded number per minute whatever it
    // tries; this never touches other addresses.
    const perAddress = new RateLimiter(20, 60_000);
    // Guessing is slowed per account and address, counting failures only: a per-account count
    // would let anyone lock the owner out by guessing (docs/architecture.md, security).
    const failures = new SignInThrottle();
    const secureCookie = config.publicUrl.startsWith('https://');

    app.post(
      '/sign-in',
      {
        config: { public: true },
        schema: { tags: ['auth'], body: SignInBody, response: { 200: StaffMember } },
      },
      async (request, reply) => {
        const email = request.body.email.toLowerCase();
        const wait = Math.max(perAddress.hit(request.ip), failures.wait(email, request.ip));
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new AppError(
            'RATE_LIMITED',
            `Too many sign-in attempts; try again in ${wait} seconds.`,
          );
        }
        const staff = await db
          .selectFrom('staff')
          .select(['id', 'email', 'password_hash', 'disabled_at'])
          .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
          .executeTakeFirst();
        const ok = await verifyPassword(
          request.body.password,
          staff?.password_hash ?? (await decoyHash),
        );
        if (!staff || !ok || staff.disabled_at !== null) {
          failures.failed(email, request.ip);
          throw new AppError('UNAUTHENTICATED', 'That email and password do not match an account.');
        }
        failures.succeeded(email, request.ip);
        const token = await createSession({ db }, staff.id, config.sessionTtlMs);
        await recordAudit(
          { db },
          {
            actor: { id: staff.id, email: staff.email },
            action: 'staff.sign_in',
            targetType: 'staff',
            targetId: staff.id,
          },
        );
        reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: secureCookie,
          path: '/',
          maxAge: Math.floor(config.sessionTtlMs / 1000),
        });
        const member = await loadStaffMember({ db }, staff.id);
        if (!member) throw new AppError('UNAUTHENTICATED', 'This account is disabled.');
        return member;
      },
    );

    app.post(
      '/sign-out',
      { config: { public: true }, schema: { tags: ['auth'], response: { 204: z.null() } } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await deleteSession({ db }, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/me',
      { schema: { tags: ['auth'], response: { 200: StaffMember } } },
      async (request) => requireStaff({ db }, request),
    );
  };
