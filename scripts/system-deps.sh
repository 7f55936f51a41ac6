#!/usr/bin/env bash
# System packages the tests need: Debian's headless Chromium (browser tests), a CJK font (so Chinese
# labels render as text, not boxes), Virtuoso 7 (virtuoso-opensource: the remote-store tests start
# their own server on loopback) and a Java runtime (default-jre-headless: the OWL 2 DL test runs
# HermiT). Installs only what is missing; needs root (as CI).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || need+=(fonts-wqy-microhei)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "system-deps: need root to install ${need[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  # virtuoso-opensource-7's debconf asks for a DBA password: left empty, the packaged service stays
  # disabled (RUN=no) and no server is left running; the tests start their own with their own password.
  echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password" | debconf-set-selections
  echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password" | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig >/dev/null
fi
