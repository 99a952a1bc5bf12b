# Shared by scripts/run and scripts/test: install what a fresh Debian machine lacks.
# shellcheck shell=bash

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return; fi
  echo "== installing Debian chromium (browser tests; no browser download)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
}

ensure_node_modules() {
  local root="$1"
  if [ ! -d "$root/node_modules" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    echo "== npm ci"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_dotnet_tools() {
  local root="$1"
  (cd "$root" && dotnet tool restore >/dev/null)
}
