#!/usr/bin/env bash
# Runs every benchmark on SQLite and on PostgreSQL and writes the output to bench/results/. Every
# PostgreSQL run gets a database of its own (yrd_bench_<name>, dropped and recreated): one benchmark
# empties tables another needs, so they never share one. Numbers go into bench/README.md by hand, with
# date and machine.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
SERVER="${BENCH_POSTGRES_SERVER:-postgres://postgres@127.0.0.1:5432}"
fresh() {  # a new, empty database for one benchmark; prints its URL
  psql "$SERVER/postgres" -qc "DROP DATABASE IF EXISTS yrd_bench_$1" -qc "CREATE DATABASE yrd_bench_$1" >/dev/null
  echo "$SERVER/yrd_bench_$1"
}
for bench in bench_directory_search bench_audit_verify bench_collaboration; do
  echo "== $bench (SQLite)"
  env -u DATABASE_URL .venv/bin/python "bench/$bench.py" | tee "bench/results/$bench.sqlite.txt"
  echo "== $bench (PostgreSQL)"
  DATABASE_URL="$(fresh "$bench")" .venv/bin/python "bench/$bench.py" | tee "bench/results/$bench.postgres.txt"
done
echo "== geo_routing (SQLite, PostgreSQL)"
env -u DATABASE_URL .venv/bin/python bench/geo_routing.py | tee bench/results/geo_routing.sqlite.txt
DATABASE_URL="$(fresh geo_routing)" .venv/bin/python bench/geo_routing.py | tee bench/results/geo_routing.postgres.txt
echo "== sensing_mqtt (PostgreSQL and SQLite, needs Mosquitto on 1883; RabbitMQ node started by the script)"
DATABASE_URL="$(fresh sensing_mqtt)" .venv/bin/python bench/sensing_mqtt.py --events 40000 --consumers 1,2 | tee bench/results/sensing_mqtt.txt
.venv/bin/python bench/sensing_mqtt.py --events 40000 | tee -a bench/results/sensing_mqtt.txt
DATABASE_URL="$(fresh sensing_amqp)" .venv/bin/python bench/sensing_mqtt.py --events 40000 --broker amqp --consumers 1,2 | tee -a bench/results/sensing_mqtt.txt
echo "== credit_import (SQLite, PostgreSQL; own database)"
BENCH_POSTGRES_URL="$SERVER/postgres" .venv/bin/python bench/credit_import.py | tee bench/results/credit_import.txt
echo "== credit_query (PostgreSQL; builds 1M subjects / 3M records in its own database, ~12 min)"
BENCH_POSTGRES_URL="$SERVER/postgres" .venv/bin/python bench/credit_query.py | tee bench/results/credit_query.txt
echo "== command_centre (PostgreSQL only: 1M items, 3M credit records, 5M alerts in its own database yrd_bench_command, ~25 min)"
BENCH_POSTGRES_URL="$SERVER/postgres" nice -n 10 .venv/bin/python bench/command_centre.py | tee bench/results/command_centre.txt
echo "== joint_operations (PostgreSQL and SQLite; own databases)"
.venv/bin/python bench/joint_operations.py | tee bench/results/joint_operations.postgres.txt
BENCH_DB=sqlite .venv/bin/python bench/joint_operations.py | tee bench/results/joint_operations.sqlite.txt
echo "== load test (PostgreSQL + Redis at 100 and 200 users, capacity without think time, then the embedded default at 50 and 100; ~25 min)"
DATABASE_URL="$(fresh load)" .venv/bin/python bench/load/run.py --db postgres --users 100 200 --duration 90 | tee bench/results/load.txt
DATABASE_URL="$(fresh load_capacity)" .venv/bin/python bench/load/run.py --db postgres --users 40 --wait 0 --duration 60 | tee -a bench/results/load.txt
env -u DATABASE_URL .venv/bin/python bench/load/run.py --db sqlite --users 50 100 --duration 90 | tee -a bench/results/load.txt
