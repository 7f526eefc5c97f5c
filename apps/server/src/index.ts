// Public entry of the server package: start it, or build the app over a context (tests).
export { startOpenConnect, type RunningServer } from './start.ts';
export { buildApp } from './app.ts';
export { createServerContext, closeServerContext, startProviders } from './server-context.ts';
export { loadConfig, ConfigError } from './config/load.ts';
