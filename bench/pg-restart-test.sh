#!/usr/bin/env bash
# PostgreSQL restarted under load: mixed traffic at a fixed rate while the PostgreSQL server restarts.
# While it is down, requests must fail cleanly (503, counted apart); every other request must succeed,
# and the application must recover by itself. Needs the PostgreSQL server at 127.0.0.1:5432 and the right
# to restart it (pg_ctlcluster). Usage: bench/pg-restart-test.sh [SECONDS=60] [RATE=20]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-60}
RATE=${2:-20}
PORT=18082
DB=rapport_restart
. bench/common.sh
require_server
VERSION=$(ls /etc/postgresql | head -1)
build_jar
fresh_database
start_app $PORT target/restart-app.log --rapport.mail.dev-mailbox=true --rapport.invitations.max-per-recipient-per-day=1000
trap 'kill $APP 2>/dev/null || true' EXIT

java -Dsoak.allow503=true bench/Soak.java "http://localhost:$PORT" "$SECONDS_TO_RUN" "$RATE" > target/restart-driver.log 2>&1 &
DRIVER=$!
sleep $((SECONDS_TO_RUN / 3))
echo "restarting PostgreSQL $VERSION at $(date -u +%T)"
START=$(date +%s%N)
pg_ctlcluster --skip-systemctl-redirect "$VERSION" main restart -m fast
until pg_isready -q -h 127.0.0.1 -p 5432; do sleep 0.1; done
echo "PostgreSQL accepted connections again after $(( ($(date +%s%N) - START) / 1000000 )) ms"
set +e
wait $DRIVER
RESULT=$?
set -e
cat target/restart-driver.log
READY=$(curl -s -o /dev/null -w '%{http_code}' http://localhost:$PORT/actuator/health/readiness)
echo "readiness after the run: $READY"
[ "$READY" = 200 ] || { echo "FAIL: the application did not recover" >&2; exit 1; }
[ $RESULT = 0 ] || { echo "FAIL: requests other than clean 503s failed" >&2; exit 1; }
echo "PASS: only clean 503s while PostgreSQL restarted; everything else succeeded and the application recovered"
