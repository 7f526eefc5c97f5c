// Fastify's route config, extended with what OpenConnect's routes declare.
declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a staff session (sign-in, invite landing, webhooks). */
    public?: boolean;
  }
}

export {};
