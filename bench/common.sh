# Shared by the bench scripts: JDK 25, the application jar, a fresh database on the PostgreSQL server at
# 127.0.0.1:5432, and starting the application until it is ready. Source it; it defines DB before use.
[ -d /usr/lib/jvm/temurin-25-jdk-amd64 ] && export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
export PATH="${JAVA_HOME:+$JAVA_HOME/bin:}$PATH"

require_server() {
	pg_isready -q -h 127.0.0.1 -p 5432 || { echo "needs the PostgreSQL server at 127.0.0.1:5432" >&2; exit 2; }
}

sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -At -c "$1"; }

build_jar() {
	./mvnw -q -B -DskipTests -Dspring-javaformat.validate.skip=true package
	JAR=$(ls target/rapport-*.jar | grep -v original | head -1)
}

fresh_database() {
	psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $DB with (force)" -c "create database $DB"
}

# wait_ready PORT LOG: waits up to a minute for the application on PORT to be ready
wait_ready() {
	for _ in $(seq 1 600); do
		curl -sf -o /dev/null "http://localhost:$1/actuator/health/readiness" && return 0
		sleep 0.1
	done
	echo "the application did not start (see $2)" >&2
	exit 1
}

# start_app PORT LOG [extra arguments…]: starts the jar on $DB and waits for readiness; sets APP
start_app() {
	local port=$1 log=$2
	shift 2
	java -Xmx512m -jar "$JAR" --server.port="$port" --rapport.base-url="http://localhost:$port" \
		--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
		--logging.level.app.rapport.requests=WARN "$@" >> "$log" 2>&1 &
	APP=$!
	wait_ready "$port" "$log"
}
