#!/bin/sh
# Writes the SPA's runtime configuration from the container's environment, then runs the
# command (nginx by default). The same image serves staging and production: only API_URL
# differs. Everything is written under /tmp, so a read-only root file system works.
set -eu

RUNTIME_DIR=/tmp/bluemed

fail() {
  echo "bluemed-frontend cannot start: $*" >&2
  exit 2
}

API_URL=${API_URL:-}
[ -n "$API_URL" ] || fail "API_URL is not set; set it to the API's base URL, e.g. https://api.example.org"

# The value ends up inside a JavaScript string and an HTTP header, so only the characters
# of a plain URL are accepted: no quotes, spaces, semicolons or backslashes.
case "$API_URL" in
  http://?* | https://?*) ;;
  *) fail "API_URL is \"$API_URL\"; it must start with http:// or https://" ;;
esac
case "$API_URL" in
  *[!A-Za-z0-9.:/_~%-]*) fail "API_URL is \"$API_URL\"; it may contain only letters, digits and . : / _ ~ % -" ;;
esac

scheme=${API_URL%%://*}
rest=${API_URL#*://}
host=${rest%%/*}
[ -n "$host" ] || fail "API_URL is \"$API_URL\"; it has no host"
api_origin="$scheme://$host"

mkdir -p "$RUNTIME_DIR" /tmp/nginx

printf 'window.__BLUEMED_CONFIG__ = { apiUrl: "%s" };\n' "$API_URL" >"$RUNTIME_DIR/config.js"

csp="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
csp="$csp; connect-src 'self' $api_origin; object-src 'none'; base-uri 'self'"
csp="$csp; form-action 'self'; frame-ancestors 'none'"
printf 'add_header Content-Security-Policy "%s" always;\n' "$csp" >"$RUNTIME_DIR/csp.conf"

echo "bluemed-frontend: API_URL is $API_URL" >&2
exec "$@"
