# syntax=docker/dockerfile:1.7
# Backpath: one image for the API (which also serves the web app) and the grader workers.

FROM node:24.11.1-bookworm-slim AS build
WORKDIR /app
# Manifests first, so dependency layers are reused until a lockfile or package.json changes.
COPY package.json package-lock.json .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY apps/cli/package.json apps/cli/
COPY packages/contracts/package.json packages/contracts/
COPY packages/curriculum/package.json packages/curriculum/
COPY packages/graders/package.json packages/graders/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build --workspaces --if-present && npm run content:check -- --structure-only

FROM node:24.11.1-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data NODE_COMPILE_CACHE=/tmp/node-compile-cache
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json /app/.npmrc ./
COPY --from=build /app/apps/api/package.json apps/api/
COPY --from=build /app/apps/web/package.json apps/web/
COPY --from=build /app/apps/cli/package.json apps/cli/
COPY --from=build /app/packages/contracts/package.json packages/contracts/
COPY --from=build /app/packages/curriculum/package.json packages/curriculum/
COPY --from=build /app/packages/graders/package.json packages/graders/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/apps/api/src apps/api/src
COPY --from=build /app/apps/web/dist apps/web/dist
# The single-file CLI learners download from /downloads/backpath.mjs.
COPY --from=build /app/apps/cli/dist apps/cli/dist
COPY --from=build /app/packages packages
COPY --from=build /app/content content
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "apps/api/src/server.ts"]
