# OpenConnect server image: multi-stage, non-root, production dependencies only.
# Not built on the development machines (they have no container runtime); what CI runs is the
# topology in scripts/topology/ (docs/operations/deploy.md). Build: docker build -t openconnect .

# 1. Build the web app with every dependency.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/livekit-dev/package.json packages/livekit-dev/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w apps/web

# 2. The runtime: production dependencies, the server's sources, the built web app.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/var/lib/openconnect
WORKDIR /opt/openconnect
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/livekit-dev/package.json packages/livekit-dev/
# The server runs its TypeScript through tsx, which the lockfile lists among the tools.
RUN npm ci --omit=dev --no-audit --no-fund \
  && npm install --no-save --no-audit --no-fund tsx@4 \
  && npm cache clean --force
COPY apps/server/src apps/server/src
COPY apps/server/tsconfig.json apps/server/
COPY packages/contracts/src packages/contracts/src
COPY tsconfig.base.json ./
COPY --from=build /src/apps/web/dist apps/web/dist
RUN groupadd --system openconnect && useradd --system --gid openconnect openconnect \
  && mkdir -p /var/lib/openconnect && chown openconnect:openconnect /var/lib/openconnect
USER openconnect
EXPOSE 3000
# /readyz: database, event bus and providers; the proxy or orchestrator takes it out while 503.
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "apps/server/src/main.ts"]
