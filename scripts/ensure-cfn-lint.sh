#!/usr/bin/env bash
# Makes sure cfn-lint (PyPI) is installed in the project's own virtual environment and prints
# its path on stdout. The infra tests run every synthesized template through it.
#
#   BLUEMED_TOOLS_VENV  where the venv lives; default /opt/bluemed-tools/venv as root,
#                       ~/.cache/bluemed/venv otherwise
#   CFN_LINT_VERSION    a pip version specifier; default ">=1,<2"
#
# Idempotent: a working cfn-lint in the venv is reused without touching the network.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ $(id -u) -eq 0 ]]; then
  VENV=${BLUEMED_TOOLS_VENV:-/opt/bluemed-tools/venv}
else
  VENV=${BLUEMED_TOOLS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/bluemed/venv}
fi
SPEC=${CFN_LINT_VERSION:->=1,<2}
CFN_LINT=$VENV/bin/cfn-lint

if "$CFN_LINT" --version >/dev/null 2>&1; then
  printf '%s\n' "$CFN_LINT"
  exit 0
fi

command -v python3 >/dev/null || die "python3 is needed to install cfn-lint; install python3 and python3-venv."

log "Installing cfn-lint into $VENV."
mkdir -p "$(dirname "$VENV")"
if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
  rm -rf "$VENV"
  die "python3 cannot create a virtual environment at $VENV; install python3-venv."
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "cfn-lint$SPEC" >&2 \
  || die "pip could not install cfn-lint$SPEC into $VENV; see the pip output above."
"$CFN_LINT" --version >&2 || die "cfn-lint was installed into $VENV but does not run."
printf '%s\n' "$CFN_LINT"
