#!/bin/sh
# Runs a command (e.g. `npm ci`) on Node.js 24, the project's runtime, on a machine whose own Node
# is older: the `node` package from the npm registry (the version package.json depends on) is
# fetched by npm itself and put first on PATH for that command. A host whose `node` is already
# 24.x runs the command as it is. Every `npm run …` script afterwards uses node_modules/.bin/node.
set -eu
cd "$(dirname "$0")/.."
version=$(sed -n 's/^ *"node": "\(24\.[0-9]*\.[0-9]*\)",\{0,1\}$/\1/p' package.json | head -n 1)
if [ -z "$version" ]; then
  echo "on-node-24: package.json names no exact node 24.x dependency" >&2
  exit 1
fi
case "$(node --version 2>/dev/null || true)" in
  v24.*) exec "$@" ;;
esac
exec npm exec --yes --package="node@$version" -- "$@"
