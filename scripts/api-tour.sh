#!/usr/bin/env bash
# Copyright 2026 The Backstage Authors
# Licensed under the Apache License, Version 2.0.
#
# One curl per PMO route; prints each status and the first lines of each
# answer. Writes go to a scratch project TOUR-1 that is deleted at the end.
#
# The tour creates, deletes and imports, which the automation token of
# app-config.yaml may not do. So by default it starts its own backend (SQLite
# in memory, demo data, port PMO_TOUR_PORT or 7118) with its own random token
# allowed everything in the PMO, and stops it at the end; the default token is
# not widened. To tour another backend instead, set PMO_BACKEND_URL and
# PMO_API_TOKEN to a token of that backend with the permissions (README
# "Widening the automation token").
set -uo pipefail
LINES="${LINES_PER_CALL:-12}"
if [ -n "${PMO_BACKEND_URL:-}" ]; then
  TOKEN="${PMO_API_TOKEN:?set PMO_API_TOKEN to a token of $PMO_BACKEND_URL}"
  B="$PMO_BACKEND_URL/api/pmo"
else
  source "$(dirname "$0")/lib/toolchain.sh"
  ensure_toolchain
  set +e
  PORT="${PMO_TOUR_PORT:-7118}"
  BASE="http://127.0.0.1:$PORT"
  B="$BASE/api/pmo"
  TOKEN="$(node -e "console.log(require('crypto').randomBytes(24).toString('base64url'))")"
  WORK="$(mktemp -d)"
  # Replaces the externalAccess list: only the tour's token, on this backend.
  cat >"$WORK/app-config.tour.yaml" <<YAML
backend:
  auth:
    externalAccess:
      - type: static
        options:
          token: '$TOKEN'
          subject: pmo-api-tour
        accessRestrictions:
          - plugin: pmo
          - plugin: catalog
            permissionAttribute:
              action: [read]
YAML
  log "starting a backend for the tour on $BASE (log: $WORK/backend.log)"
  # The scripts' one launcher (scripts/lib/backend.mjs), in the foreground
  # of this background job; SQLite in memory.
  PMO_API_TOKEN="$TOKEN" node "$REPO_ROOT/scripts/lib/backend-cli.mjs" --name backend \
    --port "$PORT" --database memory --config "$WORK/app-config.tour.yaml" \
    --out "$WORK" >/dev/null 2>&1 &
  BACKEND_PID=$!
  trap 'kill "$BACKEND_PID" 2>/dev/null; wait "$BACKEND_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
  # Ready when the demo projects and the catalog entity the tour uses are in.
  ready=0
  for _ in $(seq 1 240); do
    kill -0 "$BACKEND_PID" 2>/dev/null || { tail -n 40 "$WORK/backend.log" >&2; die "the tour backend exited"; }
    if curl -sf -m 5 -H "Authorization: Bearer $TOKEN" "$B/projects?limit=1" | grep -Eq '"totalItems": ?[1-9]' &&
      curl -sf -m 5 -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/api/catalog/entities/by-name/component/default/dns-dhcp"; then
      ready=1
      break
    fi
    sleep 1
  done
  [ "$ready" = 1 ] || { tail -n 40 "$WORK/backend.log" >&2; die "the tour backend was not ready within 240 s"; }
fi
c() {
  local method="$1" path="$2"; shift 2
  local body code
  body="$(mktemp)"
  code=$(curl -sS -X "$method" -H "Authorization: Bearer $TOKEN" -o "$body" -w '%{http_code}' "$@" "$B$path")
  echo "\$ curl -X $method $B$path $*   -> HTTP $code"
  head -n "$LINES" "$body"
  rm -f "$body"
  echo
}

c GET '/projects?phase=execution&health=red&orderBy=-priority&limit=2'
c GET '/projects?q=vsphere'
c GET '/projects?entityRef=component:default/vsphere-prod-cluster&limit=1'
c POST /projects -H 'Content-Type: application/json' --data '{"key":"TOUR-1","title":"API tour","owner":"group:default/pmo"}'
c GET /projects/TOUR-1
c PATCH /projects/TOUR-1 -H 'Content-Type: application/json' --data '{"version":1,"phase":"planning"}'
c PATCH /projects/TOUR-1 -H 'Content-Type: application/json' --data '{"version":1,"phase":"execution"}'
MID=$(curl -sS -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data '{"title":"Design authority","baselineDate":"2027-01-10","forecastDate":"2027-01-24","gate":true}' \
  "$B/projects/TOUR-1/milestones" | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
c GET /projects/TOUR-1/milestones
c PATCH "/milestones/$MID" -H 'Content-Type: application/json' --data '{"version":1,"actualDate":"2027-01-20","status":"done"}'
RID=$(curl -sS -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data '{"type":"risk","title":"Vendor lead time","probability":4,"impact":4}' \
  "$B/projects/TOUR-1/raid" | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
c GET '/projects/TOUR-1/raid?type=risk&status=open'
c PATCH "/raid/$RID" -H 'Content-Type: application/json' --data '{"version":1,"status":"mitigating"}'
c POST /projects/TOUR-1/raid -H 'Content-Type: application/json' --data '{"type":"risk","title":"bad","probability":9,"impact":1}'
c PUT /projects/TOUR-1/entities/component/default/dns-dhcp
c GET /entities/component/default/dns-dhcp/summary
c POST /entities/summaries -H 'Content-Type: application/json' --data '{"entityRefs":["component:default/vsphere-prod-cluster","resource:default/dc-firewalls","component:default/pmo-portal"]}'
c GET /projects/TOUR-1/entities
c GET '/portfolio?system=system:default/compute-platform'
c GET '/raid?type=risk&status=open&probability=4&impact=4&limit=2'
c GET '/milestones?overdue=true&limit=2'
c GET '/transitions?state=in_progress'
# Version 2 after the start: the catalog evidences the CMDB item (dns-dhcp
# is part of a System; app-config.yaml names that fact).
c PUT /entities/component/default/dns-dhcp/transition -H 'Content-Type: application/json' --data '{"projectKey":"TOUR-1"}'
c GET /entities/component/default/dns-dhcp/transition
c PATCH /entities/component/default/dns-dhcp/transition/items/runbook -H 'Content-Type: application/json' --data '{"version":2,"status":"done","evidenceUrl":"https://wiki.example.com/dns/runbook"}'
c POST /entities/component/default/dns-dhcp/transition/evidence
c POST /entities/component/default/dns-dhcp/transition/state -H 'Content-Type: application/json' --data '{"target":"accepted","version":3}'
c POST /entities/component/default/dns-dhcp/transition/signoffs -H 'Content-Type: application/json' --data '{"role":"run","version":3}'
c GET /projects/TOUR-1/history
c GET /export/projects.csv
c GET /export/milestones.csv
c GET /export/raid.csv
c POST /import -H 'Content-Type: application/json' --data '{"dryRun":true,"projects":[{"key":"TOUR-2","title":"Imported","owner":"group:default/pmo"}]}'
c DELETE /projects/TOUR-1/entities/component/default/dns-dhcp
c DELETE "/raid/$RID"
c DELETE "/milestones/$MID"
c DELETE /projects/TOUR-1
c GET /projects/TOUR-1
