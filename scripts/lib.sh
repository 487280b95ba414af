# Shared helpers for the provisioning scripts. Source it; do not run it.
# shellcheck shell=bash

# Progress and diagnostics go to stderr so stdout stays free for data.
log() {
  printf '%s\n' "$*" >&2
}

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# wait_until SECONDS DESCRIPTION COMMAND...
# Runs COMMAND once a second until it succeeds; fails after SECONDS.
wait_until() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "Gave up after ${limit} s waiting for ${what}."
      return 1
    fi
    sleep 1
  done
}

require_root() {
  [[ $(id -u) -eq 0 ]] \
    || die "$(basename "$0") must run as root: it installs packages and starts daemons."
}

# apt-get update runs at most once per script run, and only when something is missing. The lock
# timeout lets a script wait for another apt run (a provisioning job, say) instead of failing.
# apt's chatter (debconf, needrestart) is kept and shown only when apt fails.
_apt_updated=0
_apt() {
  local out
  out=$(mktemp)
  if ! DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 \
    apt-get -o DPkg::Lock::Timeout=300 -qq "$@" >"$out" 2>&1; then
    tail -n 20 "$out" >&2
    rm -f "$out"
    return 1
  fi
  rm -f "$out"
}

apt_install() {
  if ((_apt_updated == 0)); then
    log "Refreshing the Debian package index."
    _apt update || die "failed to refresh the Debian package index (apt-get update)."
    _apt_updated=1
  fi
  log "Installing Debian packages: $*."
  _apt install -y --no-install-recommends "$@" || die "failed to install Debian packages: $*."
}

# ensure_command COMMAND PACKAGE: installs PACKAGE when COMMAND is not on PATH.
ensure_command() {
  command -v "$1" >/dev/null 2>&1 || apt_install "$2"
}

# Start a long-running daemon detached from this script, so it outlives it.
# start_detached LOGFILE COMMAND...
start_detached() {
  local logfile=$1
  shift
  mkdir -p "$(dirname "$logfile")"
  setsid nohup "$@" >>"$logfile" 2>&1 </dev/null &
  disown || true
}

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export REPO_ROOT

# A tiny image made from the host's own dash and libc, so the scripts can prove that containers
# run and that pushes work without pulling anything (no image registry is reachable here).
PROBE_IMAGE=bluemed-probe:latest
ensure_probe_image() {
  docker image inspect "$PROBE_IMAGE" >/dev/null 2>&1 && return 0

  local dir file
  dir=$(mktemp -d)
  for file in /usr/bin/dash $(ldd /usr/bin/dash | grep -o '/[^ ]*'); do
    mkdir -p "$dir$(dirname "$file")"
    cp -L "$file" "$dir$file"
  done
  mkdir -p "$dir/bin"
  ln -s /usr/bin/dash "$dir/bin/sh"
  tar -C "$dir" -c . | docker import - "$PROBE_IMAGE" >/dev/null \
    || { rm -rf "$dir"; die "failed to import the probe image $PROBE_IMAGE."; }
  rm -rf "$dir"
}
