#!/usr/bin/env bash
# What the pending list of the email search's GIN index costs (V17, docs/benchmarks.md): on the database a
# bench/run.sh run leaves behind (rapport_bench on 127.0.0.1:5432), for each limit of the list in turn,
# vacuums, inserts 10,000 clients in one statement and 1,500 one statement each (the way imports and single
# invitations add them; autovacuum runs after some 40,000 inserts on a table of 200,000 rows, so a busy
# organization's list is anywhere between empty and full, half full on average), then times the email
# fragment search of scenario 4 three times. Prints one line per round; the inserted clients stay in the
# benchmark's organization. The index keeps its setting of V17.
set -euo pipefail
DB="psql -h 127.0.0.1 -U postgres -d ${DB:-rapport_bench} -q -v ON_ERROR_STOP=1"
ORG=$($DB -Atc "select id from organization where name = 'Bench Coaching'")
OWNER=$($DB -Atc "select created_by from client_record where provider_id = '$ORG' limit 1")
$DB -c "create extension if not exists pgstattuple"
SEARCH="explain (analyze, summary) select id from client_record where provider_id = '$ORG' and archived_at is null
  and ((name_key ~>=~ '77777@' and name_key ~<~ '77777A') or email like '%77777@%')
  order by created_at desc, id desc limit 51;"
ROUND=0
round() { # limit in kB
	ROUND=$((ROUND + 1))
	local tag="gin$$r$ROUND"
	$DB -c "alter index client_record_email_search set (gin_pending_list_limit = $1)" -c "vacuum client_record"
	local t0 t1 t2 bulk
	t0=$(date +%s%N)
	$DB -c "insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name, email,
	          tags, created_by)
	        select gen_random_uuid(), '$ORG', 'INDIVIDUAL', 'INTERNAL', 'Gin $tag ' || n, 'Gin', 'X',
	               '$tag-' || n || '@acme-widgets.example', '{}', '$OWNER' from generate_series(1, 10000) n"
	bulk=$(( ($(date +%s%N) - t0) / 1000000 ))
	$DB -c "vacuum client_record"
	t1=$(date +%s%N)
	for i in $(seq 1 3000); do
		echo "insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name, email,
		      tags, created_by) values (gen_random_uuid(), '$ORG', 'INDIVIDUAL', 'INTERNAL', 'Single $tag $i', 'S',
		      'X', 'single-$tag-$i@mail$i.example', '{}', '$OWNER');"
	done | $DB
	t2=$(date +%s%N)
	local pending searches
	pending=$($DB -Atc "select pending_pages || ' pages, ' || pending_tuples || ' entries'
	                    from pgstatginindex('client_record_email_search')")
	searches=$($DB -c "$SEARCH" -c "$SEARCH" -c "$SEARCH" | grep -o 'Execution Time: [0-9.]*' | grep -o '[0-9.]*$' | paste -sd/)
	echo "limit $1 kB: 10,000 in one insert $bulk ms, then 3,000 single inserts $(( (t2 - t1) / 1000000 )) ms;" \
		"pending list $pending; email fragment search $searches ms"
}
for limit in 4096 256 4096 256 4096 256; do
	round $limit
done
$DB -c "alter index client_record_email_search set (gin_pending_list_limit = 256)"
