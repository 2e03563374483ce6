#!/usr/bin/env bash
# Vendor htmx into the staff console from its npm package (no CDN at run time).
# Usage: bash scripts/vendor-htmx.sh [VERSION]   (default: the pinned 2.x version below)
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-2.0.8}
target=bot/console/static/htmx.min.js
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "htmx.org@${version}" >/dev/null)
tar -xzf "$work"/htmx.org-*.tgz -C "$work"
cp "$work/package/dist/htmx.min.js" "$target"
echo "htmx ${version} -> ${target} ($(wc -c <"$target") bytes, sha256 $(sha256sum "$target" | cut -c1-16)…)"
