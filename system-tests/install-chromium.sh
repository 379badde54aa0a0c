#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver for the dashboard's browser tests (DashboardBrowserTest runs this). Needs root,
# as CI and the development machines run; elsewhere install the two packages once by hand.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is not installed and this user cannot install it (apt-get needs root): apt-get install chromium chromium-driver" >&2
    exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Fonts with Arabic glyphs, so that the Arabic pages (and their screenshots) render their text.
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
