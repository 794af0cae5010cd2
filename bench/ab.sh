#!/usr/bin/env bash
# A/B comparison of two application settings at the same moment, for a machine whose speed drifts: starts two
# nodes on the benchmark's database (left by a previous bench/run.sh), warms both, then alternates wrk runs
# between them and prints the medians and the B/A ratio of each round.
# Usage: A="--rapport.web.worker-threads=200" B="" bench/ab.sh [PATH] [ROUNDS]
#        JVM_A/JVM_B add options of the JVM (e.g. JVM_B=-XX:+UseSerialGC).
#        PATH defaults to the Clients list API (/api/v1/clients?size=50); a path outside /api is asked for as a
#        signed-in browser. JAR_A/JAR_B compare two builds.
#        DB_B=rapport_bench_b gives B a copy of the data (made when missing), for a build with a new migration;
#        DB_A names the database of A (default rapport_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
PATHQ=${1:-/api/v1/clients?size=50}
ROUNDS=${2:-10}
DB=${DB_A:-rapport_bench}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
JAR=$(ls target/rapport-*.jar | head -1)
psql -h 127.0.0.1 -U postgres -d $DB -Atc "select 1 from account where email = 'owner@bench.example'" | grep -q 1 ||
	{ echo "No benchmark data: run bench/run.sh (ONLY=list is enough) first"; exit 1; }
DB_B=${DB_B:-$DB}
if [ "$DB_B" != $DB ] && ! psql -h 127.0.0.1 -U postgres -d "$DB_B" -Atc "select 1" > /dev/null 2>&1; then
	createdb -h 127.0.0.1 -U postgres -T $DB "$DB_B"
fi
TOKEN="rpt_ab$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
for db in $(printf "%s\n" $DB "$DB_B" | sort -u); do
	psql -h 127.0.0.1 -U postgres -d $db -qc "insert into api_token (id, account_id, organization_id, name, token_hash)
		select gen_random_uuid(), a.id, m.organization_id, 'ab', encode(sha256('$TOKEN'::bytea), 'hex')
		from account a join membership m on m.account_id = a.id where a.email = 'owner@bench.example' limit 1"
done
PIDS=()
trap 'kill ${PIDS[@]} 2>/dev/null; true' EXIT
start() { # PORT JAR DATABASE JVM_OPTIONS ARGS
	local port=$1 jar=$2 db=$3 opts=$4; shift 4
	$JAVA -Xmx384m $opts -jar "$jar" --server.port=$port --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$db \
		--spring.datasource.username=postgres --logging.level.app.rapport.requests=WARN \
		--rapport.mail.dispatcher-enabled=false "$@" > target/ab-$port.log 2>&1 &
	PIDS+=($!)
}
start 18191 "${JAR_A:-$JAR}" $DB "${JVM_A:-}" ${A:-}
start 18192 "${JAR_B:-$JAR}" "$DB_B" "${JVM_B:-}" ${B:-}
for port in 18191 18192; do
	until curl -sf localhost:$port/actuator/health/liveness > /dev/null; do sleep 1; done
done
# pages (paths outside /api) are asked for with a browser session of the benchmark's owner, signed in on each node
declare -A AUTH
for port in 18191 18192; do
	if [ "${PATHQ#/api/}" != "$PATHQ" ]; then
		AUTH[$port]="bearer $TOKEN"
	else
		jar=target/ab-$port.cookies
		rm -f $jar # a session left by an earlier run would skip the sign-in form
		csrf=$(curl -s -c $jar -b $jar localhost:$port/sign-in | grep -o 'name="_csrf" content="[^"]*"' | sed 's/.*content="//;s/"$//')
		curl -s -c $jar -b $jar -o /dev/null --data-urlencode "email=owner@bench.example" \
			--data-urlencode "password=bench test passphrase" --data-urlencode "_csrf=$csrf" localhost:$port/sign-in
		AUTH[$port]="sessions $(awk '$6 == "RAPPORT_SESSION" { print $7 }' $jar)"
	fi
done
run() { wrk -t2 -c32 -d${1}s -s bench/wrk.lua "http://localhost:$2$PATHQ" -- ${AUTH[$2]} | grep RESULT; }
for port in 18191 18192; do run 30 $port > /dev/null; done
for i in $(seq "$ROUNDS"); do
	for port in 18191 18192; do echo "$port $(run 3 $port)"; done
done | awk '{ print $1, $3 / $4, $7 }' > target/ab.out
for port in 18191 18192; do
	name=$([ $port = 18191 ] && echo A || echo B)
	grep "^$port" target/ab.out | awk -v n=$name '{ r[NR] = $2; p[NR] = $3 } END {
		asort(r); asort(p); printf "%s: %.0f/s, p95 %.1f ms (medians of %d runs)\n", n, r[int((NR + 1) / 2)], p[int((NR + 1) / 2)], NR }'
done
paste -d' ' <(grep ^18191 target/ab.out | cut -d' ' -f2) <(grep ^18192 target/ab.out | cut -d' ' -f2) |
	awk '{ printf "%.2f ", $2 / $1 } END { print "(B/A, round by round)" }'
