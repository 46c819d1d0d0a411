#!/usr/bin/env bash
# Copyright 2026 The Backstage Authors
# Licensed under the Apache License, Version 2.0.
#
# Sourced by scripts/start and scripts/test. Makes sure a supported Node and
# yarn 4 are on PATH and that node_modules matches the lockfile, provisioning
# only what is missing:
#   * Node: the machine's Node is used when it is 22.x (or 24.x below 24.19,
#     see below). Otherwise the official Node 22 tarball is fetched from the
#     npm registry (package node-<os>-<arch>) into .toolchain/node.
#   * yarn: a yarn 4 already on PATH (e.g. corepack) is used; otherwise the
#     version in package.json#packageManager is installed from the npm
#     registry (@yarnpkg/cli-dist) into .toolchain/yarn. Yarn's release file
#     is never committed.
#   * install: `yarn install` runs only when yarn.lock or a package.json
#     changed since the last successful install (hash kept in
#     .toolchain/install.sha).
#
# Why not Node >= 24.19: better-sqlite3 12.x (the embedded SQLite driver of
# Backstage 1.57) aborts during GC under those headers (nodejs/node#65446).

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLCHAIN_DIR="$REPO_ROOT/.toolchain"
PMO_NODE_VERSION="${PMO_NODE_VERSION:-22.23.3}"

log() { printf '\033[1;34m[pmo]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[pmo] error:\033[0m %s\n' "$*" >&2; exit 1; }

node_is_supported() {
  local v major minor
  v="$("$1" -p 'process.versions.node' 2>/dev/null)" || return 1
  major="${v%%.*}"; minor="$(echo "$v" | cut -d. -f2)"
  [ "$major" = 22 ] && return 0
  [ "$major" = 24 ] && [ "$minor" -lt 19 ] && return 0
  return 1
}

ensure_node() {
  if [ -x "$TOOLCHAIN_DIR/node/bin/node" ]; then
    export PATH="$TOOLCHAIN_DIR/node/bin:$PATH"
    export npm_config_nodedir="$TOOLCHAIN_DIR/node"
  elif command -v node >/dev/null && node_is_supported node; then
    log "using the machine's Node $(node -v)"
    return
  else
    command -v npm >/dev/null || die "need npm (any version) to fetch Node $PMO_NODE_VERSION"
    local os arch pkg tmp
    os="$(uname -s | tr 'A-Z' 'a-z')"
    case "$(uname -m)" in x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch="$(uname -m)" ;; esac
    pkg="node-$os-$arch@$PMO_NODE_VERSION"
    log "machine Node is $(node -v 2>/dev/null || echo none); fetching $pkg from the npm registry into .toolchain/node"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$pkg" >/dev/null) || die "npm pack $pkg failed"
    mkdir -p "$TOOLCHAIN_DIR/node"
    tar xzf "$tmp"/node-*.tgz -C "$TOOLCHAIN_DIR/node" --strip-components=1
    rm -rf "$tmp"
    export PATH="$TOOLCHAIN_DIR/node/bin:$PATH"
    # native addons (better-sqlite3) must build against these headers
    export npm_config_nodedir="$TOOLCHAIN_DIR/node"
  fi
  node_is_supported node || die "Node $(node -v) is not supported (need 22.x or 24.0-24.18)"
  log "using Node $(node -v) from .toolchain/node"
}

ensure_yarn() {
  local want
  want="$(node -p "require('$REPO_ROOT/package.json').packageManager.split('@')[1]")"
  if [ -f "$TOOLCHAIN_DIR/yarn/bin/yarn.js" ] && \
     [ "$(node -p "require('$TOOLCHAIN_DIR/yarn/package.json').version")" = "$want" ]; then
    :
  elif command -v yarn >/dev/null && [ "$(cd "$REPO_ROOT" && yarn --version 2>/dev/null)" = "$want" ]; then
    log "using yarn $want from PATH"
    return
  else
    log "fetching yarn $want (@yarnpkg/cli-dist) from the npm registry into .toolchain/yarn"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "@yarnpkg/cli-dist@$want" >/dev/null) || die "npm pack @yarnpkg/cli-dist@$want failed"
    rm -rf "$TOOLCHAIN_DIR/yarn"; mkdir -p "$TOOLCHAIN_DIR/yarn"
    tar xzf "$tmp"/yarnpkg-cli-dist-*.tgz -C "$TOOLCHAIN_DIR/yarn" --strip-components=1
    rm -rf "$tmp"
  fi
  mkdir -p "$TOOLCHAIN_DIR/bin"
  cat > "$TOOLCHAIN_DIR/bin/yarn" <<WRAP
#!/bin/sh
exec node "$TOOLCHAIN_DIR/yarn/bin/yarn.js" "\$@"
WRAP
  chmod +x "$TOOLCHAIN_DIR/bin/yarn"
  export PATH="$TOOLCHAIN_DIR/bin:$PATH"
  # corepack would otherwise try to download the packageManager version
  export COREPACK_ENABLE_STRICT=0
  log "using yarn $(cd "$REPO_ROOT" && yarn --version) from .toolchain/yarn"
}

install_hash() {
  (cd "$REPO_ROOT" && {
    cat yarn.lock 2>/dev/null || true
    git ls-files -co --exclude-standard -- 'package.json' '*/package.json' '.yarnrc.yml' | sort | xargs cat
    node -v
  } | sha256sum | cut -d' ' -f1)
}

ensure_install() {
  local want have=""
  want="$(install_hash)"
  [ -f "$TOOLCHAIN_DIR/install.sha" ] && have="$(cat "$TOOLCHAIN_DIR/install.sha")"
  if [ "$want" = "$have" ] && [ -d "$REPO_ROOT/node_modules" ]; then
    log "dependencies up to date (yarn.lock unchanged), skipping install"
    return
  fi
  local flags=()
  [ -n "${CI:-}" ] && flags+=(--immutable)
  log "installing dependencies (yarn install ${flags[*]:-}); the first run builds native addons and takes a few minutes"
  local t0=$SECONDS
  (cd "$REPO_ROOT" && yarn install "${flags[@]}")
  install_hash > "$TOOLCHAIN_DIR/install.sha"
  log "install done in $((SECONDS - t0)) s"
}

ensure_toolchain() {
  mkdir -p "$TOOLCHAIN_DIR"
  ensure_node
  ensure_yarn
  ensure_install
}
