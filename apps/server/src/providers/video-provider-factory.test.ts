import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BaseVideoProvider } from './base-video-provider.ts';
import {
  defineProvider,
  ProviderConfigError,
  VideoProviderFactory,
  type ProviderRuntime,
} from './video-provider-factory.ts';

// The fake registrations below never read the runtime (a database, a bus, secrets).
const runtime = {} as ProviderRuntime;

const fakeProvider = (label: string) => ({ label }) as unknown as BaseVideoProvider;

describe('VideoProviderFactory', () => {
  const factory = new VideoProviderFactory().register(
    defineProvider({
      type: 'p2p',
      configSchema: z.object({ maxParticipants: z.number().int().min(2) }),
      enabled: () => true,
      configFrom: () => ({ maxParticipants: 4 }),
      create: (config) => fakeProvider(`p2p:${config.maxParticipants}`),
    }),
  );

  it('builds a registered provider from valid configuration', () => {
    expect(factory.create('p2p', { maxParticipants: 4 }, runtime)).toEqual({ label: 'p2p:4' });
  });

  it('names the known types when asked for an unknown one', () => {
    expect(() => factory.create('jitsi', {}, runtime)).toThrow(ProviderConfigError);
    expect(() => factory.create('jitsi', {}, runtime)).toThrow(
      'Unknown provider type "jitsi". Known types: p2p.',
    );
  });

  it('says which setting is wrong when configuration is invalid', () => {
    expect(() => factory.create('p2p', { maxParticipants: 1 }, runtime)).toThrow(
      /p2p" is misconfigured: maxParticipants/,
    );
  });

  it('refuses to register one type twice', () => {
    expect(() =>
      factory.register(
        defineProvider({
          type: 'p2p',
          configSchema: z.object({}),
          enabled: () => true,
          configFrom: () => ({}),
          create: () => fakeProvider('x'),
        }),
      ),
    ).toThrow(/already registered/);
  });
});
