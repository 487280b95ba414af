#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock, starting Debian's dockerd when
# none does. There is no systemd on these machines, so dockerd runs detached with its own log.
#
# Client note: /usr/local/bin/docker (client 28.x, API 1.50) shadows Debian's /usr/bin/docker
# (20.10, API 1.41). Against Debian's 20.10 daemon the newer client negotiates API 1.41 by
# itself, so no DOCKER_API_VERSION is needed. Neither client has the buildx plugin, so
# `docker build` must use the classic builder: with DOCKER_BUILDKIT unset the 28.x client falls
# back to it (printing a deprecation notice), DOCKER_BUILDKIT=0 silences that, and
# DOCKER_BUILDKIT=1 fails with "buildx component is missing".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DOCKERD_LOG=/var/log/bluemed-dockerd.log
DOCKERD_PIDFILE=/var/run/docker.pid
START_TIMEOUT=60

docker_answers() {
  docker info >/dev/null 2>&1
}

dockerd_alive() {
  [[ -s $DOCKERD_PIDFILE ]] && kill -0 "$(cat "$DOCKERD_PIDFILE")" 2>/dev/null
}

show_dockerd_log() {
  log "Last lines of $DOCKERD_LOG:"
  tail -n 20 "$DOCKERD_LOG" >&2 || true
}

# dockerd programs iptables for its bridge. Debian 12 uses the nftables backend; on kernels
# without nf_tables it fails, and the legacy backend is the usual way out. (Not needed on the
# machines this was written on; kept because it is the classic first-start failure.)
switch_to_legacy_iptables() {
  command -v iptables-legacy >/dev/null 2>&1 || return 1
  [[ $(readlink -f "$(command -v iptables)") == */iptables-legacy ]] && return 1
  log "dockerd could not program iptables; switching to the legacy iptables backend."
  update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
  update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null
}

start_dockerd() {
  log "Starting dockerd in the background (log: $DOCKERD_LOG)."
  start_detached "$DOCKERD_LOG" dockerd --host unix:///var/run/docker.sock
}

if docker_answers; then
  # An engine started by someone else may come without compose; the integration stage needs one.
  if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
    require_root
    ensure_command docker-compose docker-compose
  fi
  exit 0
fi
require_root

ensure_command dockerd docker.io
ensure_command docker docker.io
ensure_command docker-compose docker-compose
ensure_command iptables iptables

if dockerd_alive; then
  log "dockerd (pid $(cat "$DOCKERD_PIDFILE")) runs but does not answer yet; waiting for it."
else
  start_dockerd
fi

if ! wait_until "$START_TIMEOUT" "dockerd to answer" docker_answers; then
  if ! dockerd_alive && grep -qi 'iptables' "$DOCKERD_LOG" && switch_to_legacy_iptables; then
    start_dockerd
    if ! wait_until "$START_TIMEOUT" "dockerd to answer" docker_answers; then
      show_dockerd_log
      die "dockerd did not answer within ${START_TIMEOUT} s, even with legacy iptables."
    fi
  else
    show_dockerd_log
    die "dockerd did not answer on /var/run/docker.sock within ${START_TIMEOUT} s."
  fi
fi

# A daemon that answers can still fail to run containers (cgroups, bridge networking), so run
# one on the default bridge before declaring success.
ensure_probe_image
if ! docker run --rm "$PROBE_IMAGE" /bin/sh -c 'exit 0' >/dev/null 2>&1; then
  show_dockerd_log
  die "dockerd answers but cannot run a container on its default bridge; see $DOCKERD_LOG."
fi

version=$(docker version --format '{{.Server.Version}}')
driver=$(docker info --format '{{.Driver}}')
log "Docker engine $version is running (storage driver $driver, log $DOCKERD_LOG)."
