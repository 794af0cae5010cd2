#!/usr/bin/env bash
# Benchmark of the hot paths (work in progress: the Clients list and search scenario, start-up and memory;
# the invitation, import, email and acceptance scenarios come next). Starts Rapport on the PostgreSQL server
# at 127.0.0.1:5432, seeds an organization with 100,000 clients, drives load from a separate process
# (bench/Bench.java) and prints a Markdown table with the ceilings measured in the same run.
# Usage: bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18084
DB=rapport_bench
. bench/common.sh
require_server
build_jar
PGJDBC=$(find ~/.m2/repository/org/postgresql/postgresql -name 'postgresql-*.jar' | sort | tail -1)
fresh_database

STARTED=$(date +%s%N)
java -jar "$JAR" --server.port=$PORT --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB \
	--spring.datasource.username=postgres --rapport.mail.dev-mailbox=true \
	--logging.level.app.rapport.requests=WARN > target/bench-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://localhost:$PORT/actuator/health/readiness; do sleep 0.1; done
READY_MS=$(( ($(date +%s%N) - STARTED) / 1000000 ))
RSS_START=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$APP/status)

OWNER=owner@bench.example
PASSWORD="bench test passphrase"
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' http://localhost:$PORT/api/v1/sign-up \
	-d "{\"name\":\"Bench Owner\",\"email\":\"$OWNER\",\"password\":\"$PASSWORD\",\"organizationName\":\"Bench Coaching\"}"
sql "update account set email_verified_at = now()" > /dev/null
ORG=$(sql "select organization_id from membership limit 1")
TOKEN="rpt_bench$(date +%s%N)"
HASH=$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)
sql "insert into api_token (id, account_id, organization_id, name, token_hash) select gen_random_uuid(), a.id, '$ORG', 'bench', '$HASH' from account a" > /dev/null
sql "insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name, email, tags, created_by, created_at)
     select gen_random_uuid(), '$ORG', 'INDIVIDUAL', 'INTERNAL', 'Client ' || n || ' Person', 'Client ' || n, 'Person',
            'client' || n || '@bench.example', array['tag' || (n % 20)], a.id, now() - n * interval '1 second'
     from generate_series(1, 100000) n, account a" > /dev/null
sql "analyze client_record" > /dev/null

echo "Start-up to ready on the PostgreSQL server: ${READY_MS} ms; RSS after start ${RSS_START} MiB"
java -cp "$PGJDBC" bench/Bench.java "http://localhost:$PORT" \
	"jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" "$TOKEN" "$OWNER" "$PASSWORD" "$ORG"
echo "RSS at the end: $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$APP/status) MiB"
