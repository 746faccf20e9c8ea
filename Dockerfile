# syntax=docker/dockerfile:1
#
# Pipelock (TypeScript) container image: a drop-in for the Go Pipelock image.
#   /pipelock run --config /etc/pipelock/pipelock.yaml --listen 0.0.0.0:8888 \
#     --mcp-listen 0.0.0.0:8889 --mcp-upstream http://web:3000/mcp
#   /pipelock healthcheck --addr 127.0.0.1:8888
# Build: docker build -t pipelock:local .      (see docker/README.md)

ARG NODE_VERSION=24
ARG PIPELOCK_VERSION=0.1.0

# ---- build: compile the re2 addon, bundle the TypeScript (esbuild), then keep only production dependencies ----
FROM node:${NODE_VERSION}-bookworm AS build
# The toolchain node-gyp needs for re2 (already in this image; listed so the requirement is explicit).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
# scripts/node.sh (as for the README's Quick start and CI) checks the Node and builds native addons against its
# own headers (npm_config_nodedir=/usr/local here) instead of downloading them.
COPY scripts/node.sh ./scripts/node.sh
RUN scripts/node.sh npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
COPY config ./config
COPY scripts/build-prod.ts ./scripts/build-prod.ts
# The production build (dist-prod/: the CLI bundled and tree-shaken, each command's code in chunks loaded on
# demand); esbuild is a dev dependency, so this runs before the prune.
RUN npm run build:prod
# Production dependencies only; drop re2's C++ sources and object files (the addon is build/Release/re2.node).
RUN npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/re2/vendor node_modules/re2/build/Release/obj.target node_modules/re2/build/Release/.deps \
 && PIPELOCK_USE_DIST=prod node bin/pipelock.js version \
 && PIPELOCK_USE_DIST=prod node bin/pipelock.js config validate --config config/balanced.yaml

# ---- runtime: Node slim, non-root, the app read-only under /opt/pipelock ----
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ARG PIPELOCK_VERSION
LABEL org.opencontainers.image.title="pipelock" \
      org.opencontainers.image.description="Security proxy between AI agents and the network: DLP, prompt-injection and MCP scanning (TypeScript, drop-in for the Go Pipelock)" \
      org.opencontainers.image.version="${PIPELOCK_VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="docker.io/library/node:${NODE_VERSION}-bookworm-slim"
ENV NODE_ENV=production \
    PIPELOCK_APP_DIR=/opt/pipelock \
    PIPELOCK_USE_DIST=prod
WORKDIR /opt/pipelock
# Owned by root and not writable by the runtime user: the process cannot change its own code or config.
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist-prod ./dist-prod
COPY --from=build /src/bin ./bin
COPY --from=build /src/config ./config
COPY --chmod=0755 docker/pipelock /pipelock
# The default configuration: the balanced preset. Mount your own file over it.
COPY --chmod=0644 config/balanced.yaml /etc/pipelock/pipelock.yaml
# uid/gid 1000 is the image's `node` user (numeric, so Kubernetes runAsNonRoot can verify it).
USER 1000:1000
# 8888: forward proxy + /fetch + /health + /metrics + /stats; 8889: MCP reverse proxy (with --mcp-listen).
EXPOSE 8888 8889
HEALTHCHECK --interval=10s --timeout=5s --start-period=15s --retries=3 \
  CMD ["/pipelock", "healthcheck", "--addr", "127.0.0.1:8888"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/pipelock"]
# The MCP listener needs an upstream, so it is not in the default command: add
# `--mcp-listen 0.0.0.0:8889 --mcp-upstream URL` (or PIPELOCK_MCP_LISTEN / PIPELOCK_MCP_UPSTREAM).
CMD ["run", "--config", "/etc/pipelock/pipelock.yaml", "--listen", "0.0.0.0:8888"]
