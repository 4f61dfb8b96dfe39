#!/bin/sh
# Deploy public/ to an S3 bucket behind CloudFront and invalidate only what
# changed, from the change report of the build that made public/:
#
#   go run ./cmd/build -changes changes.json
#   BUCKET=karriere-example DISTRIBUTION=E2EXAMPLE sh docs/deploy/s3-cloudfront.sh changes.json
set -eu
report=${1:?usage: s3-cloudfront.sh CHANGES.json}

# Upload new and changed files (size and modification time differ), then
# delete what the site no longer has. Unchanged files keep their mtimes, so
# they do not move.
aws s3 sync public/ "s3://$BUCKET/" --delete

# Invalidate every updated or removed file, and for a page also its folder
# URL (/tech/backend-entwickler/ for tech/backend-entwickler/index.html).
# Added files were never cached. Past 1,000 paths one "/*" costs less.
paths=$(jq -r '(.files.updated + .files.removed)[] | "/" + ., (select(. == "index.html" or endswith("/index.html")) | "/" + rtrimstr("index.html"))' "$report")
count=$(printf '%s' "$paths" | grep -c . || true)
if [ "$count" -gt 1000 ]; then
	paths='/*'
fi
if [ "$count" -gt 0 ]; then
	set -f # one argument per path, and /* stays as it is
	# shellcheck disable=SC2086
	aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION" --paths $paths
fi
