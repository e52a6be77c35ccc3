#!/usr/bin/env bash
# Screenshots of the rendered reference article and of the corpus report (desktop and phone widths),
# with headless Chromium.
# Needs Debian's chromium (and fonts-noto-cjk for Chinese): apt-get install -y chromium fonts-noto-cjk
# Usage: scripts/screenshot.sh [OUTDIR]   (default: docs/)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs}"
bin=.venv/bin
chrome="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chrome" ] || { echo "screenshot.sh: chromium not found (apt-get install -y chromium fonts-noto-cjk)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
$bin/zhnews render corpus/henan-daily-2021-10-09-three-batches.txt -o "$work/article.html"
$bin/zhnews batch corpus -o "$work/corpus.jsonl" --workers 1 --no-progress 2>/dev/null
$bin/zhnews report "$work/corpus.jsonl" -o "$work/report.html"
shoot() {  # page, png, width, height
  "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
    --window-size="$3","$4" --screenshot="$2" "file://$1" 2>/dev/null
}
shoot "$work/article.html" "$out/render-reference.png" 1400 2200
shoot "$work/report.html" "$out/report-corpus.png" 1400 "${REPORT_HEIGHT:-2300}"
shoot "$work/report.html" "$out/report-corpus-phone.png" 390 "${PHONE_HEIGHT:-5420}"  # a phone's CSS width
echo "wrote $out/render-reference.png $out/report-corpus.png $out/report-corpus-phone.png"
