#!/usr/bin/env bash
# Copies the front-end libraries installed from the npm registry into static/vendor, so the
# platform serves them itself (government intranets have no internet, and we use no CDN).
#
# A file is copied byte for byte as the package ships it, together with the source map it names
# (`sourceMappingURL=…`): production's collectstatic (ManifestStaticFilesStorage) rewrites that
# reference to the map's hashed name and stops the release when the map is missing. The check at
# the end fails here, at vendoring time, for any library added later without its map.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=yrdcollab/static/vendor
mkdir -p "$dest"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.min.js"
mkdir -p "$dest/leaflet/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map \
  node_modules/leaflet/dist/leaflet.css "$dest/leaflet/"
cp node_modules/leaflet/dist/images/*.png "$dest/leaflet/images/"
mkdir -p "$dest/leaflet-markercluster"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
  node_modules/leaflet.markercluster/dist/leaflet.markercluster.js.map \
  node_modules/leaflet.markercluster/dist/MarkerCluster.css \
  node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$dest/leaflet-markercluster/"
mkdir -p "$dest/leaflet-geoman"
cp node_modules/@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.min.js \
  node_modules/@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.min.js.map \
  node_modules/@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css \
  node_modules/@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css.map "$dest/leaflet-geoman/"
mkdir -p "$dest/tom-select"
cp node_modules/tom-select/dist/js/tom-select.complete.min.js \
  node_modules/tom-select/dist/js/tom-select.complete.min.js.map \
  node_modules/tom-select/dist/css/tom-select.default.min.css \
  node_modules/tom-select/dist/css/tom-select.default.min.css.map "$dest/tom-select/"
# Charts (Apache ECharts, Apache-2.0): the full minified build (sankey, heatmap, gauge), no source map shipped.
mkdir -p "$dest/echarts"
cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE "$dest/echarts/"
# Icons (lucide-static, ISC): only the ones the platform names, listed one per line in icons.txt.
rm -rf "$dest/icons" && mkdir -p "$dest/icons"
grep -v '^#' yrdcollab/static/icons.txt | while read -r icon; do
  [ -n "$icon" ] && cp "node_modules/lucide-static/icons/$icon.svg" "$dest/icons/"
done

missing=0
while IFS= read -r -d '' file; do
  # The last reference in a file is the one browsers and collectstatic follow; data: URIs are inline.
  map=$(grep -ao 'sourceMappingURL=[^[:space:]*"'"'"')]*' "$file" | tail -1 | cut -d= -f2- || true)
  if [ -n "$map" ] && [ "${map#data:}" = "$map" ] && [ ! -f "$(dirname "$file")/$map" ]; then
    echo "vendor_assets.sh: $file names the source map $map, which was not copied" >&2
    missing=1
  fi
done < <(find "$dest" -type f \( -name '*.js' -o -name '*.css' \) -print0)
exit $missing
