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
# Added files were never cached. Paths are encoded as CloudFront wants
# them: non-ASCII and RFC 1738's unsafe characters only, so that a static
# file such as "downloads/Gehaltsbänder 2027.pdf" is one path. Past 1,000
# paths one "/*" costs less.
paths=$(jq -r '
	def hex: "0123456789ABCDEF" as $h | $h[(. / 16 | floor):(. / 16 | floor) + 1] + $h[(. % 16):(. % 16) + 1];
	def encode: [explode[] | if . > 127 then [.] | implode | @uri
		elif . < 33 or . == 127 or ([.] | implode | inside("\"#%<>[\\]^`{|}~")) then "%" + hex
		else [.] | implode end] | join("");
	(.files.updated + .files.removed)[] | "/" + ., (select(. == "index.html" or endswith("/index.html")) | "/" + rtrimstr("index.html")) | encode' "$report")
count=$(printf '%s' "$paths" | grep -c . || true)
if [ "$count" -gt 1000 ]; then
	paths='/*'
fi
if [ "$count" -gt 0 ]; then
	set -f # one argument per path, and /* stays as it is
	# shellcheck disable=SC2086
	aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION" --paths $paths
fi
