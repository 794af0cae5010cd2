#!/usr/bin/env bash
# Benchmark of the hot paths (docs/benchmarks.md): starts Rapport against the PostgreSQL server at
# 127.0.0.1:5432 when one answers, else on the embedded PostgreSQL; a separate process (bench/Bench.java)
# seeds the data, runs each scenario after a warm-up, three times, with its ceiling measured in the same
# run, and the table of medians is printed and written into docs/benchmarks.md.
# Usage: bench/run.sh            (the whole benchmark, 10 to 14 minutes on 2 cores)
#        QUICK=1 bench/run.sh    (smaller counts and shorter runs, to try the harness; docs untouched)
#        ONLY=list,invite APP_OPTS=-XX:StartFlightRecording=filename=target/app.jfr bench/run.sh
#                                (some scenarios only, extra JVM options for the application; docs untouched;
#                                DELIVERY_OPTS does the same for the email scenario's delivery node)
set -euo pipefail
COMMAND_STARTED=$(date +%s)
cd "$(dirname "$0")/.."
PORT=18084
SMTP_PORT=2527
DB=rapport_bench
OUT=target/bench
. bench/common.sh
if ! command -v wrk > /dev/null; then
	echo "Installing wrk (Debian package), the load driver of the GET scenarios"
	apt-get install -y -q wrk > /dev/null 2>&1 || { apt-get update -q > /dev/null && apt-get install -y -q wrk > /dev/null; }
fi
build_jar
rm -rf "$OUT" && mkdir -p "$OUT/lib"
# the load driver uses the application's own JDBC driver and mail library, taken from its jar
unzip -q -o -j "$JAR" 'BOOT-INF/lib/postgresql-*.jar' 'BOOT-INF/lib/jakarta.mail*.jar' 'BOOT-INF/lib/angus-*.jar' \
	'BOOT-INF/lib/jakarta.activation*.jar' -d "$OUT/lib"
RESULTS=$OUT/results.tsv
: > "$RESULTS"
HEAP=-Xmx384m

java bench/SmtpSink.java $SMTP_PORT $OUT/sink.txt > $OUT/sink.log 2>&1 &
SINK=$!
APP=
cleanup() { [ -n "$APP" ] && kill "$APP" 2>/dev/null; kill "$SINK" 2>/dev/null; true; }
trap cleanup EXIT

rss() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' /proc/$1/status; }

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
	WHERE="the PostgreSQL 15 server at 127.0.0.1:5432"
	fresh_database
	DB_ARGS="--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB --spring.datasource.username=postgres"
else
	WHERE="the embedded PostgreSQL (no server at 127.0.0.1:5432)"
	DB_ARGS="--rapport.embedded-postgres.data-directory=$OUT/pgdata"
fi
STARTED=$(date +%s%N)
# delivery is off on this node: the email scenario runs its own delivery node (see Bench.java)
java $HEAP ${APP_OPTS:-} -jar "$JAR" --server.port=$PORT $DB_ARGS --rapport.mail.dispatcher-enabled=false \
	--rapport.invitations.max-per-organization-per-hour=100000000 \
	--rapport.invitations.max-accept-attempts-per-ip-per-minute=100000000 \
	--logging.level.app.rapport.requests=WARN > $OUT/app.log 2>&1 &
APP=$!
wait_ready $PORT $OUT/app.log
READY_MS=$(( ($(date +%s%N) - STARTED) / 1000000 ))
RSS_START=$(rss $APP)
if [ -z "${DB_ARGS##--rapport.embedded*}" ]; then
	PG_PORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' $OUT/app.log | grep -o '[0-9]*$')
	DB_ARGS="--spring.datasource.url=jdbc:postgresql://localhost:$PG_PORT/rapport --spring.datasource.username=postgres"
	JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/rapport?user=postgres"
	READY_SERVER="" READY_EMBEDDED=$READY_MS
else
	JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"
	READY_SERVER=$READY_MS
fi
echo "Benchmark on $WHERE; ready after ${READY_MS} ms, RSS ${RSS_START} MiB"

BENCH_STARTED=$(date +%s)
java -cp "$OUT/lib/*" -Dbase="http://localhost:$PORT" -Djdbc="$JDBC_URL" -Djar="$JAR" -Dapp.pid=$APP \
	-Dsmtp.port=$SMTP_PORT -Dsink.file=$OUT/sink.txt -Dplans.file=$OUT/plans.md -Ddb.args="$DB_ARGS" -Dquick="${QUICK:+true}" -Donly="${ONLY:-}" -Ddelivery.opts="${DELIVERY_OPTS:-}" \
	bench/Bench.java "$RESULTS"
RSS_END=$(rss $APP)
kill $APP && wait $APP 2>/dev/null || true
APP=

# timed_start LOG JAVA_ARGS…: starts the application once more, waits until it is ready and stops it; sets
# READY (milliseconds from the start) and RSS_READY
timed_start() {
	local log=$1 started
	shift
	started=$(date +%s%N)
	java $HEAP "$@" --server.port=$PORT --logging.level.app.rapport.requests=WARN > "$log" 2>&1 &
	APP=$!
	wait_ready $PORT "$log"
	READY=$(( ($(date +%s%N) - started) / 1000000 ))
	RSS_READY=$(rss $APP)
	kill $APP && wait $APP 2>/dev/null || true
	APP=
}
startups() { [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *,startup,* ]]; }
if [ -z "${READY_EMBEDDED:-}" ] && startups; then
	rm -rf $OUT/embedded
	timed_start $OUT/app-embedded.log -jar "$JAR" --rapport.embedded-postgres.data-directory=$OUT/embedded
	READY_EMBEDDED=$READY RSS_EMBEDDED=$RSS_READY
fi
# the recommended production start (docs/operations.md): the extracted jar with the JDK's AOT cache, trained
# by ops/aot-cache.sh on a scratch database, then timed on an empty one as above
if [ -n "$READY_SERVER" ] && startups; then
	DB=rapport_bench_aot
	fresh_database
	ops/aot-cache.sh "$JAR" $OUT/aot "jdbc:postgresql://127.0.0.1:5432/$DB" postgres > $OUT/aot.log
	fresh_database
	timed_start $OUT/app-aot.log -XX:AOTCache=$OUT/aot/rapport.aot -jar $OUT/aot/rapport.jar \
		--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB --spring.datasource.username=postgres
	READY_AOT=$READY RSS_AOT=$RSS_READY
	psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB with (force)"
fi
seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
holds() { [ -n "$1" ] && [ "$1" -le "$2" ] && echo yes || echo no; }
printf '6 start-up\ttime to ready on the PostgreSQL server, empty database (Flyway included): %s\t\t\t\t\t%s\t\t\tready ≤ 10 s\t%s\n' \
	"$( [ -n "$READY_SERVER" ] && seconds "$READY_SERVER" || echo 'n/a (no server)')" "$RSS_START" "$(holds "$READY_SERVER" 10000)" >> "$RESULTS"
[ -n "${READY_AOT:-}" ] && printf '6 start-up\tthe same with the AOT cache of ops/aot-cache.sh (extracted jar, recommended in operations.md): %s\t\t\t\t\t%s\t\t\tready ≤ 10 s\t%s\n' \
	"$(seconds "$READY_AOT")" "$RSS_AOT" "$(holds "$READY_AOT" 10000)" >> "$RESULTS"
printf '6 start-up\ttime to ready on the embedded PostgreSQL, fresh data directory (initdb included): %s\t\t\t\t\t%s\t\t\tready ≤ 30 s\t%s\n' \
	"$( [ -n "${READY_EMBEDDED:-}" ] && seconds "$READY_EMBEDDED" || echo 'not measured')" "${RSS_EMBEDDED:-$RSS_START}" \
	"$(holds "${READY_EMBEDDED:-}" 30000)" >> "$RESULTS"
printf '6 memory\tRSS of the application after start and at the end of the run (%s)\t\t\t\t\t%s → %s\t\t\t≤ 512 MiB\t%s\n' \
	"$HEAP" "$RSS_START" "$RSS_END" "$(holds "$RSS_END" 512)" >> "$RESULTS"

TABLE=$OUT/table.md
{
	echo "| scenario | work | per s | p50 ms | p95 ms | p99 ms | RSS MiB | compared with (ceiling) | ratio | bar | holds |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | --- |"
	awk -F'\t' '{ printf "| %s |", $1; for (i = 2; i <= 11; i++) printf " %s |", $i; printf "\n" }' "$RESULTS"
} > $TABLE
echo
echo "Benchmark on $WHERE, $(nproc) cores, finished in $(( $(date +%s) - BENCH_STARTED )) s of load (medians of 3 runs):"
cat $TABLE
if [ -z "${QUICK:-}${ONLY:-}${APP_OPTS:-}${DELIVERY_OPTS:-}" ]; then
	{
		echo "<!-- bench:start (written by bench/run.sh) -->"
		took=$(( $(date +%s) - COMMAND_STARTED ))
		echo "Run of $(date -u +%Y-%m-%d) on $WHERE, $(nproc) cores, heap $HEAP; medians of 3 runs after a warm-up;" \
			"the whole command took $(( took / 60 )) min $(( took % 60 )) s (build, seeding and start-ups included; 15 min allowed)."
		echo
		cat $TABLE
		echo
		echo "Query plans of the Clients list on 100,000 clients, as the application runs them (same run):"
		echo
		cat $OUT/plans.md
		echo "<!-- bench:end -->"
	} > $OUT/section.md
	awk -v section=$OUT/section.md '
		/<!-- bench:start/ { while ((getline line < section) > 0) print line; skip = 1; next }
		/<!-- bench:end -->/ { skip = 0; next }
		!skip { print }' docs/benchmarks.md > $OUT/benchmarks.md
	grep -q 'bench:start' $OUT/benchmarks.md || cat $OUT/section.md >> $OUT/benchmarks.md
	cp $OUT/benchmarks.md docs/benchmarks.md
	echo "docs/benchmarks.md updated"
fi
