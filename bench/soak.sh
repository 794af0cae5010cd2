#!/usr/bin/env bash
# Bounded soak test: starts Rapport on PostgreSQL (the server at 127.0.0.1:5432 when it answers, else the
# embedded one), drives mixed traffic at a fixed rate from a separate process for a few minutes, and
# reports requests, errors, latency percentiles and heap after GC at start and end.
# Usage: bench/soak.sh [SECONDS=180] [REQUESTS_PER_SECOND=40]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-180}
RATE=${2:-40}
PORT=18080
[ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
export PATH="${JAVA_HOME:+$JAVA_HOME/bin:}$PATH"

./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true package
JAR=$(ls target/rapport-*.jar | grep -v original | head -1)

ARGS=(--server.port=$PORT --rapport.base-url=http://localhost:$PORT --rapport.mail.dev-mailbox=true
	--logging.level.app.rapport.requests=WARN --rapport.invitations.max-per-recipient-per-day=1000)
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
	psql -h 127.0.0.1 -U postgres -q -c 'drop database if exists rapport_soak with (force)' -c 'create database rapport_soak'
	ARGS+=(--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/rapport_soak --spring.datasource.username=postgres)
	DATABASE="PostgreSQL server"
else
	DATA=$(mktemp -d)
	ARGS+=(--rapport.embedded-postgres.data-directory="$DATA/postgres")
	DATABASE="embedded PostgreSQL"
fi

java -Xmx512m -jar "$JAR" "${ARGS[@]}" > target/soak-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
	curl -sf -o /dev/null http://localhost:$PORT/actuator/health/readiness && break
	sleep 1
done

heap_after_gc() {
	jcmd "$APP" GC.run > /dev/null
	jcmd "$APP" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+' | awk '{ printf "%.0f", $1 / 1024 }'
}
RSS() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$APP/status; }

# a short warm-up first, so that the start figure is taken with caches and compiled code in place
java bench/Soak.java "http://localhost:$PORT" 20 "$RATE" > target/soak-warmup.log 2>&1 || true
START_HEAP=$(heap_after_gc)
echo "Soak: $SECONDS_TO_RUN s at $RATE requests/s against $DATABASE; heap after GC at start ${START_HEAP} MiB"
set +e
java bench/Soak.java "http://localhost:$PORT" "$SECONDS_TO_RUN" "$RATE"
RESULT=$?
set -e
END_HEAP=$(heap_after_gc)
echo "heap after GC: start ${START_HEAP} MiB, end ${END_HEAP} MiB; RSS at end $(RSS) MiB"
exit $RESULT
