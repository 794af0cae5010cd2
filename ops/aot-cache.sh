#!/usr/bin/env bash
# Prepares Rapport for a fast start with Java 25's ahead-of-time cache (JEP 483, 514, 515): extracts the jar
# into DIR (the cache works on plain jars, not on the nested jars of the executable jar) and starts the
# application once, against a scratch database, stopping when its context is ready; the JVM writes which
# classes start-up loads and links, and how its first methods ran, into DIR/rapport.aot.
#
# Usage: ops/aot-cache.sh JAR DIR [JDBC_URL [USER]]
#   JDBC_URL  a scratch database for the training start (it gets migrated); without one, an embedded
#             PostgreSQL in a temporary directory. Other settings come from the environment, as for a start.
# Then:    java -XX:AOTCache=DIR/rapport.aot -Xmx384m -jar DIR/rapport.jar
#
# A cache belongs to one JDK build, one jar and one path: make it again after changing any of them. A stale
# or moved cache is refused by the JVM with a warning, and the application starts without it.
set -euo pipefail
if [ $# -lt 2 ]; then
	sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
fi
JAR=$1 DIR=$2
rm -rf "$DIR"
java -Djarmode=tools -jar "$JAR" extract --destination "$DIR" > /dev/null
mv "$DIR"/rapport-*.jar "$DIR/rapport.jar"
SCRATCH=
if [ -n "${3:-}" ]; then
	DB_ARGS=(--spring.datasource.url="$3" --spring.datasource.username="${4:-postgres}")
else
	SCRATCH=$(mktemp -d)
	DB_ARGS=(--rapport.embedded-postgres.data-directory="$SCRATCH/pgdata")
fi
# the same heap settings as the starts that will use the cache
java ${AOT_TRAINING_OPTS:--Xmx384m} -XX:AOTCacheOutput="$DIR/rapport.aot" -Dspring.context.exit=onRefresh \
	-jar "$DIR/rapport.jar" --server.port=0 --rapport.mail.dispatcher-enabled=false "${DB_ARGS[@]}" \
	> "$DIR/training.log" 2>&1 || { tail -20 "$DIR/training.log" >&2; exit 1; }
[ -n "$SCRATCH" ] && rm -rf "$SCRATCH"
echo "AOT cache written: $DIR/rapport.aot ($(du -m "$DIR/rapport.aot" | cut -f1) MiB)"
echo "start with: java -XX:AOTCache=$DIR/rapport.aot -Xmx384m -jar $DIR/rapport.jar"
