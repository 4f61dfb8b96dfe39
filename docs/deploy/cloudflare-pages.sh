#!/bin/sh
# Deploy public/ to Cloudflare Pages. Wrangler uploads only files whose hash
# the project does not have yet, dot folders included, each at most 25 MiB.
# Set host: cloudflare-pages in site.yaml so that aliases answer with a 301
# from _redirects.
#
#   go run ./cmd/build
#   PROJECT=karriere CLOUDFLARE_API_TOKEN=... sh docs/deploy/cloudflare-pages.sh
set -eu
wrangler pages deploy public --project-name "$PROJECT" --branch main
