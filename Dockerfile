# One image for every polyb0t service; the container command picks which one runs
# (see docker-compose.yml). Default command: the CLI's help.

# --- build: full dependencies, compile TypeScript into dist/ ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; we build explicitly below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# --- runtime: production dependencies and compiled output only ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The official image ships an unprivileged `node` user (uid 1000); the app never writes to /app.
USER node
CMD ["node", "bin/polyb0t.js", "--help"]
