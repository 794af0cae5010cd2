#!/usr/bin/env bash
# Kill tests: SIGKILL the application during a bulk invitation (10,000 rows) and again during email
# delivery, restart it each time, and check that the import is all-or-nothing and that every committed
# email is delivered, with at most the batches in flight at the kill (one per delivery worker) delivered twice.
# Needs the PostgreSQL server at 127.0.0.1:5432 (for the checks). Usage: bench/kill-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=18081
SMTP_PORT=2526
DB=rapport_kill
. bench/common.sh
require_server
build_jar
fresh_database

SINK_FILE=target/kill-sink.txt
java bench/SmtpSink.java $SMTP_PORT $SINK_FILE > target/kill-sink.log 2>&1 &
SINK=$!
APP=
cleanup() { [ -n "$APP" ] && kill -9 "$APP" 2>/dev/null; kill "$SINK" 2>/dev/null; true; }
trap cleanup EXIT

run_app() {
	start_app $PORT target/kill-app.log --spring.mail.host=127.0.0.1 --spring.mail.port=$SMTP_PORT \
		--spring.mail.properties.mail.smtp.starttls.enable=false --rapport.mail.dev-mailbox=false \
		--rapport.invitations.max-per-recipient-per-day=100000
}

run_app
OWNER=owner@kill.example
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' http://localhost:$PORT/api/v1/sign-up \
	-d "{\"name\":\"Kill Owner\",\"email\":\"$OWNER\",\"password\":\"kill test passphrase\",\"organizationName\":\"Kill Coaching\"}"
sql "update account set email_verified_at = now() where email = '$OWNER'" > /dev/null
ORG=$(sql "select organization_id from membership m join account a on a.id = m.account_id where a.email = '$OWNER'")
TOKEN="rpt_killtest$(date +%s%N)"
HASH=$(printf '%s' "$TOKEN" | sha256sum | cut -d' ' -f1)
sql "insert into api_token (id, account_id, organization_id, name, token_hash) select gen_random_uuid(), a.id, '$ORG', 'kill', '$HASH' from account a where a.email = '$OWNER'" > /dev/null
AUTH="Authorization: Bearer $TOKEN"

echo "== 1. SIGKILL during a bulk invitation of 10,000 clients"
CSV=target/kill-import.csv
{ echo "first name,last name,email"; for i in $(seq 1 10000); do echo "Kill$i,Client,kill$i@kill.example"; done; } > $CSV
IMPORT=$(curl -sf -X POST -H "$AUTH" -H 'Content-Type: text/csv' --data-binary @$CSV http://localhost:$PORT/api/v1/clients/imports |
	grep -oE '"id":"[0-9a-f-]{36}"' | head -1 | cut -d'"' -f4)
curl -s -o /dev/null -X POST -H "$AUTH" "http://localhost:$PORT/api/v1/clients/imports/$IMPORT/commit?invite=true" &
sleep 0.4
kill -9 $APP; wait $APP 2>/dev/null || true
CLIENTS=$(sql "select count(*) from client_record where provider_id = '$ORG'")
INVITATIONS=$(sql "select count(*) from invitation where organization_id = '$ORG'")
echo "after the kill: $CLIENTS client records, $INVITATIONS invitations (all-or-nothing: 0 or 10000)"
if [ "$CLIENTS" != 0 ] && [ "$CLIENTS" != 10000 ]; then echo "FAIL: partial import" >&2; exit 1; fi
[ "$CLIENTS" = "$INVITATIONS" ] || { echo "FAIL: records and invitations differ" >&2; exit 1; }
run_app
if [ "$CLIENTS" = 0 ]; then
	curl -sf -o /dev/null -X POST -H "$AUTH" "http://localhost:$PORT/api/v1/clients/imports/$IMPORT/commit?invite=true"
	echo "the killed commit left nothing; committed again after the restart"
fi
echo "now $(sql "select count(*) from client_record where provider_id = '$ORG'") client records"

echo "== 2. SIGKILL during email delivery"
TOTAL=$(sql "select count(*) from email_outbox")
for _ in $(seq 1 600); do
	[ "$(wc -l < $SINK_FILE)" -ge 2000 ] && break
	sleep 0.1
done
kill -9 $APP; wait $APP 2>/dev/null || true
AT_KILL=$(wc -l < $SINK_FILE)
echo "killed after $AT_KILL of $TOTAL emails reached the SMTP server"
run_app
STARTED=$(date +%s)
until [ "$(sql "select count(*) from email_outbox where status <> 'SENT'")" = 0 ]; do
	[ $(( $(date +%s) - STARTED )) -gt 300 ] && { echo "FAIL: emails still pending after 300 s" >&2; exit 1; }
	sleep 1
done
RECEIVED=$(wc -l < $SINK_FILE)
DISTINCT=$(sort -u $SINK_FILE | wc -l)
echo "emails committed: $TOTAL; messages received: $RECEIVED; distinct Message-IDs: $DISTINCT; repeated: $((RECEIVED - DISTINCT))"
[ "$DISTINCT" = "$TOTAL" ] || { echo "FAIL: $((TOTAL - DISTINCT)) emails lost" >&2; exit 1; }
# two delivery workers (rapport.mail.workers) with batches of 100
[ $((RECEIVED - DISTINCT)) -le 200 ] || { echo "FAIL: more repeats than one batch per worker" >&2; exit 1; }
echo "PASS: the import was all-or-nothing, no email was lost, $((RECEIVED - DISTINCT)) repeated (at most one batch of 100 per worker, 2 workers)"
