// Shapes shared by the OpenConnect server and web app: one definition, types inferred.
export * from './errors.ts';
export * from './ids.ts';
export * from './text.ts';
export * from './auth.ts';
export * from './facilities.ts';
export * from './visits.ts';
export * from './invites.ts';
export * from './audit.ts';
export * from './provider-types.ts';
export * from './providers.ts';
export * from './push-close-codes.ts';
export * from './p2p-signaling.ts';
export * from './lobby.ts';
export * from './recordings.ts';
export * from './events.ts';
export * from './rollout.ts';
export * from './rollout-default.ts';
