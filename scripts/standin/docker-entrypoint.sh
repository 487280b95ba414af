#!/bin/sh
# Entry point of the stand-in nginx image. Before nginx starts it runs the executable hooks in
# /docker-entrypoint.d/ (*.envsh are sourced, *.sh executed, in name order) and renders
# /etc/nginx/templates/*.template into /etc/nginx/conf.d/ with envsubst. Only variables that
# are set in the environment are substituted, so nginx's own $variables survive.
set -eu

render_templates() {
    [ -d /etc/nginx/templates ] || return 0
    defined=$(env | cut -d= -f1 | sed 's/^/$/' | tr '\n' ' ')
    for template in /etc/nginx/templates/*.template; do
        [ -f "$template" ] || continue
        target="/etc/nginx/conf.d/$(basename "$template" .template)"
        envsubst "$defined" <"$template" >"$target"
    done
}

if [ "${1:-}" = nginx ]; then
    for hook in /docker-entrypoint.d/*; do
        if [ ! -f "$hook" ] || [ ! -x "$hook" ]; then
            continue
        fi
        # shellcheck disable=SC1090 # hooks come from the images built on this one
        case "$hook" in
            *.envsh) . "$hook" ;;
            *.sh) "$hook" ;;
        esac
    done
    render_templates
fi

exec "$@"
