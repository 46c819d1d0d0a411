#!/usr/bin/env bash
# Copyright 2026 The Backstage Authors
# Licensed under the Apache License, Version 2.0.
#
# One curl per PMO route against a running dev backend (./scripts/start),
# authenticated with the automation token; prints each status and the first
# lines of each answer. Writes go to a scratch project TOUR-1 that is deleted
# at the end.
set -uo pipefail
B="${PMO_BACKEND_URL:-http://localhost:7007}/api/pmo"
TOKEN="${PMO_API_TOKEN:-pmo-dev-token-not-for-production}"
LINES="${LINES_PER_CALL:-12}"
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
c PUT /entities/component/default/dns-dhcp/transition -H 'Content-Type: application/json' --data '{"projectKey":"TOUR-1"}'
c GET /entities/component/default/dns-dhcp/transition
c PATCH /entities/component/default/dns-dhcp/transition/items/runbook -H 'Content-Type: application/json' --data '{"version":1,"status":"done","evidenceUrl":"https://wiki.example.com/dns/runbook"}'
c POST /entities/component/default/dns-dhcp/transition/state -H 'Content-Type: application/json' --data '{"target":"accepted"}'
c POST /entities/component/default/dns-dhcp/transition/signoffs -H 'Content-Type: application/json' --data '{"role":"run"}'
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
