#!/usr/bin/env bash
# Copyright 2026 The Backstage Authors
# Licensed under the Apache License, Version 2.0.
#
# Builds and packs the published PMO packages (plugins/*) into tarballs that
# install into any Backstage app without a registry:
#
#   ./scripts/pack.sh [OUT_DIR]      (default: dist-tarballs/, git-ignored)
#
# 1. `yarn tsc`: the declarations (dist-types/) that `package build` bundles
#    into each package's dist/index.d.ts; without it building
#    plugin-pmo-common fails with "No declaration files found".
# 2. `backstage-cli package build` in each plugin.
# 3. `yarn pack`: runs each package's prepack (publishConfig applied, the
#    `workspace:^` ranges replaced by the real versions) and writes
#    OUT_DIR/<name>-<version>.tgz.
# Prints the tarball paths, one a line.
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
ensure_toolchain >&2
cd "$REPO_ROOT"

out="$(mkdir -p "${1:-dist-tarballs}" && cd "${1:-dist-tarballs}" && pwd)"
packages=()
for dir in plugins/*/; do
  [ -f "$dir/package.json" ] || continue
  [ "$(node -p "require('./$dir/package.json').private === true")" = true ] && continue
  packages+=("${dir%/}")
done

log "type declarations (yarn tsc)"
yarn tsc >&2
for dir in "${packages[@]}"; do
  log "build $dir"
  (cd "$dir" && yarn build >&2)
done
for dir in "${packages[@]}"; do
  name="$(node -p "require('./$dir/package.json').name.replace('@','').replace('/','-')")"
  (cd "$dir" && yarn pack --out "$out/$name-%v.tgz" >&2)
done
ls "$out"/*.tgz
