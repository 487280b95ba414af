# Stand-in for nginx:1.27-bookworm, built by scripts/base-images.sh when upstream images cannot
# be pulled. Debian 12 packages nginx 1.22, so directives newer than 1.22 are not available.
# Kept compatible with the upstream layout: /etc/nginx/conf.d/*.conf, /usr/share/nginx/html,
# /docker-entrypoint.d/ hooks and /etc/nginx/templates/*.template rendered with envsubst.
ARG BASE_IMAGE=bluemed-standin/debian:bookworm
FROM ${BASE_IMAGE}

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      nginx-light curl gettext-base \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system nginx \
 && useradd --system --gid nginx --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin nginx \
 && rm -f /etc/nginx/sites-enabled/default \
 && mkdir -p /var/cache/nginx /var/log/nginx /etc/nginx/conf.d /etc/nginx/templates \
      /docker-entrypoint.d /usr/share/nginx/html \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log

COPY nginx.conf /etc/nginx/nginx.conf
COPY default.conf /etc/nginx/conf.d/default.conf
COPY index.html /usr/share/nginx/html/index.html
COPY docker-entrypoint.sh /docker-entrypoint.sh
RUN chmod 0755 /docker-entrypoint.sh && nginx -t

ENTRYPOINT ["/docker-entrypoint.sh"]
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
