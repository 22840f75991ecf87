#!/usr/bin/env bash
# Copies the front-end libraries installed from the npm registry into static/vendor, so the
# platform serves them itself (government intranets have no internet, and we use no CDN).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=yrdcollab/static/vendor
mkdir -p "$dest"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.min.js"
mkdir -p "$dest/leaflet/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$dest/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$dest/leaflet/images/"
