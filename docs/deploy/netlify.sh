#!/bin/sh
# Deploy public/ to Netlify. The CLI uploads only files whose SHA-1 Netlify
# does not have yet, so unchanged pages do not move, and no dot file or
# folder but .well-known/. Set host: netlify in site.yaml so that aliases
# answer with a 301 from _redirects.
#
#   go run ./cmd/build
#   NETLIFY_SITE_ID=... NETLIFY_AUTH_TOKEN=... sh docs/deploy/netlify.sh
set -eu
netlify deploy --prod --dir public --site "$NETLIFY_SITE_ID"
