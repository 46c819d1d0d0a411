#!/usr/bin/env bash
# Copyright 2026 The Backstage Authors
# Licensed under the Apache License, Version 2.0.
#
# The install path of the README, proven on a fresh app: packs the PMO
# packages (scripts/pack.sh), generates a new Backstage app with
# @backstage/create-app from the npm registry, installs the tarballs into it
# as a platform team would (yarn add + the `resolutions` entries), then
# type-checks the app, starts its backend (SQLite), gets a PMO route
# answered as the guest, and builds the frontend. Needs nothing but the npm
# registry. Prints the wall time of each step.
#
#   ./scripts/clean-app-install.sh            (work dir: a temp folder, removed)
#   PMO_CLEAN_APP_KEEP=1 ./scripts/clean-app-install.sh   (keeps it)
#
# Environment facts it respects (see the root README, "Toolchain facts"): the
# registry lacks some platform bindings of the newest @swc/core, rollup and
# unrs-resolver, and @yarnpkg/core 4.9.2 cannot resolve: the generated app
# gets the same root `resolutions` pins as this repository.
set -euo pipefail
source "$(dirname "$0")/lib/toolchain.sh"
ensure_toolchain >&2
cd "$REPO_ROOT"

# The Backstage release the packages are built against (backstage.json). The
# registry here carries no @backstage/create-app of it: 0.9.2 (Backstage
# 1.55.0) is the newest, so the app is generated with it and then moved to
# this repository's release, as `backstage-cli versions:bump` would (its
# release-manifest service is not reachable): every @backstage/* dependency
# gets this repository's range, or for packages the repository does not use,
# the newest version on the registry.
CREATE_APP_VERSION="${PMO_CREATE_APP_VERSION:-0.9.2}"
work="$(mktemp -d "${TMPDIR:-/tmp}/pmo-clean-app.XXXXXX")"
backend_pid=""
cleanup() {
  if [ -n "$backend_pid" ]; then kill -- -"$backend_pid" 2>/dev/null || true; fi
  if [ -z "${PMO_CLEAN_APP_KEEP:-}" ]; then rm -rf "$work"; else log "kept $work"; fi
}
trap cleanup EXIT
t0=$SECONDS
step() { log "[clean-app +$((SECONDS - t0)) s] $*"; }

step "pack the PMO packages"
./scripts/pack.sh "$work/tarballs" >/dev/null
tgz() { ls "$work"/tarballs/infra-pmo-"$1"-[0-9]*.tgz; }

step "create a new app with @backstage/create-app@$CREATE_APP_VERSION"
(cd "$work" && BACKSTAGE_APP_NAME=pmo-clean-app npx --yes \
  "@backstage/create-app@$CREATE_APP_VERSION" --path app --skip-install >&2) \
  </dev/null
app="$work/app"

step "move the app to Backstage $(node -p "require('./backstage.json').version")"
node - "$app" "$REPO_ROOT" <<'JS'
const fs = require('fs');
const { execFileSync } = require('child_process');
const [app, repo] = process.argv.slice(2);
const manifests = d =>
  fs.readdirSync(d).map(x => `${d}/${x}/package.json`).filter(f => fs.existsSync(f));
// The repository's ranges: its @backstage/* line and the test libraries
// that line's test utilities require (@testing-library/react 16, dom 10).
const ours = {};
for (const f of [`${repo}/package.json`, ...manifests(`${repo}/packages`), ...manifests(`${repo}/plugins`)]) {
  const p = JSON.parse(fs.readFileSync(f, 'utf8'));
  for (const k of ['dependencies', 'devDependencies']) {
    for (const [n, v] of Object.entries(p[k] ?? {})) {
      if (/^@(backstage|testing-library)\//.test(n) && !v.startsWith('workspace:')) ours[n] = v;
    }
  }
}
const newest = {};
const rangeOf = (name, current) => {
  if (ours[name]) return ours[name];
  if (!name.startsWith('@backstage/')) return current;
  newest[name] ??= execFileSync('npm', ['view', name, 'version'], { encoding: 'utf8' }).trim();
  return `^${newest[name]}`;
};
for (const f of [`${app}/package.json`, ...manifests(`${app}/packages`)]) {
  const p = JSON.parse(fs.readFileSync(f, 'utf8'));
  for (const k of ['dependencies', 'devDependencies']) {
    for (const [n, v] of Object.entries(p[k] ?? {})) p[k][n] = rangeOf(n, v);
  }
  fs.writeFileSync(f, `${JSON.stringify(p, null, 2)}\n`);
}
fs.copyFileSync(`${repo}/backstage.json`, `${app}/backstage.json`);
JS

step "resolutions: registry pins and the PMO tarballs"
node - "$app" "$REPO_ROOT" "$work/tarballs" <<'JS'
const fs = require('fs');
const [app, repo, tarballs] = process.argv.slice(2);
const file = `${app}/package.json`;
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
const ours = require(`${repo}/package.json`).resolutions;
pkg.resolutions = { ...pkg.resolutions };
for (const name of ['@swc/core', 'rollup', 'unrs-resolver', '@yarnpkg/core', 'better-sqlite3']) {
  pkg.resolutions[name] = ours[name];
}
// Every PMO package resolves to its tarball, also where another PMO
// package depends on it (plugin-pmo-common above all).
for (const f of fs.readdirSync(tarballs)) {
  const m = f.match(/^infra-pmo-(.+)-\d+\.\d+\.\d+\.tgz$/);
  if (m) pkg.resolutions[`@infra-pmo/${m[1]}`] = `file:${tarballs}/${f}`;
}
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
JS

step "yarn install + add the PMO packages"
cd "$app"
# The generated app's lockfile does not know the tarballs and pins written
# above yet; under CI=true yarn would refuse to write it (immutable installs).
export YARN_ENABLE_IMMUTABLE_INSTALLS=false
yarn install >"$work/install.log" 2>&1 || { tail -40 "$work/install.log"; exit 1; }
yarn --cwd packages/backend add \
  "@infra-pmo/plugin-pmo-backend@file:$(tgz plugin-pmo-backend)" \
  "@infra-pmo/plugin-catalog-backend-module-pmo@file:$(tgz plugin-catalog-backend-module-pmo)" \
  "@infra-pmo/plugin-search-backend-module-pmo@file:$(tgz plugin-search-backend-module-pmo)" \
  "@infra-pmo/plugin-scaffolder-backend-module-pmo@file:$(tgz plugin-scaffolder-backend-module-pmo)" \
  >>"$work/install.log" 2>&1 || { tail -40 "$work/install.log"; exit 1; }
yarn --cwd packages/app add "@infra-pmo/plugin-pmo@file:$(tgz plugin-pmo)" \
  >>"$work/install.log" 2>&1 || { tail -40 "$work/install.log"; exit 1; }

step "wire the backend (packages/backend/src/index.ts)"
node - packages/backend/src/index.ts <<'JS'
const fs = require('fs');
const file = process.argv[2];
const src = fs.readFileSync(file, 'utf8');
const lines = [
  "backend.add(import('@infra-pmo/plugin-pmo-backend'));",
  "backend.add(import('@infra-pmo/plugin-catalog-backend-module-pmo'));",
  "backend.add(import('@infra-pmo/plugin-search-backend-module-pmo'));",
  "backend.add(import('@infra-pmo/plugin-scaffolder-backend-module-pmo'));",
].join('\n');
fs.writeFileSync(file, src.replace('backend.start();', `${lines}\n\nbackend.start();`));
JS

step "type check (yarn tsc)"
yarn tsc >&2

step "start the backend and ask a PMO route"
port=7291
cat >"$work/app-config.test.yaml" <<YAML
backend:
  baseUrl: http://localhost:$port
  listen: { port: $port }
YAML
# its own process group (setsid): yarn, backstage-cli and the backend stop
# together
setsid bash -c 'cd packages/backend && exec yarn start \
  --config ../../app-config.yaml --config "$1"' _ "$work/app-config.test.yaml" \
  >"$work/backend.log" 2>&1 &
backend_pid=$!
ok=""
for _ in $(seq 1 120); do
  token="$(curl -sf -H 'X-Requested-With: XMLHttpRequest' \
    "http://localhost:$port/api/auth/guest/refresh" 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).backstageIdentity.token)}catch{}})')" || true
  if [ -n "$token" ]; then
    status="$(curl -s -o "$work/projects.json" -w '%{http_code}' \
      -H "Authorization: Bearer $token" "http://localhost:$port/api/pmo/projects")"
    if [ "$status" = 200 ]; then ok=1; break; fi
  fi
  sleep 2
done
if [ -z "$ok" ]; then
  log "the PMO route did not answer 200; backend log:"
  tail -40 "$work/backend.log" >&2
  exit 1
fi
log "GET /api/pmo/projects as the guest: 200 $(head -c 120 "$work/projects.json")"
kill -- -"$backend_pid" 2>/dev/null || true
wait "$backend_pid" 2>/dev/null || true
backend_pid=""

step "build the frontend (yarn workspace app build)"
yarn workspace app build >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }

step "clean-app install passed"
echo "clean-app install: 1 passed, 0 failed ($((SECONDS - t0)) s)"
