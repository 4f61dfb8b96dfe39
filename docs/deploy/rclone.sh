#!/bin/sh
# Deploy public/ with rclone to any remote it knows (S3, GCS, Azure, SFTP),
# moving exactly the files the change report lists:
#
#   go run ./cmd/build -changes changes.json
#   REMOTE=s3:karriere-example sh docs/deploy/rclone.sh changes.json
set -eu
report=${1:?usage: rclone.sh CHANGES.json}
list=$(mktemp)
trap 'rm -f "$list"' EXIT

# New and changed files first (stylesheets before the pages that name
# them), then removals.
jq -r '(.files.added + .files.updated)[]' "$report" >"$list"
if [ -s "$list" ]; then
	rclone copy public/ "$REMOTE" --files-from-raw "$list" --no-traverse
fi
jq -r '.files.removed[]' "$report" >"$list"
if [ -s "$list" ]; then
	rclone delete "$REMOTE" --files-from-raw "$list" --no-traverse
fi
