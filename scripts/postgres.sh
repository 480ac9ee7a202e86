#!/usr/bin/env bash
# A throw-away PostgreSQL for the classroom server's tests (server/tests/): installs Debian's
# `postgresql` package if it is missing, creates and starts a cluster of its own on a free port
# (pg_createcluster / pg_ctlcluster; the server runs as the user postgres), with a database and a
# password user allowed to create databases (each test makes its own), and prints the URL on
# stdout, everything else on stderr:
#
#   export SPROUT_TEST_POSTGRES_URL="$(scripts/postgres.sh)"
#   cargo test -p sprout-server
#   scripts/postgres.sh stop      # stops and removes the cluster
#
# Run as root (it installs packages and acts as postgres). Running it again replaces the cluster.
set -euo pipefail

CLUSTER=sprout-test

versions() {
    ls /usr/lib/postgresql 2>/dev/null | sort -V
}

remove_cluster() {
    for version in $(versions); do
        if pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$version $CLUSTER"; then
            pg_dropcluster --stop "$version" "$CLUSTER" >&2
        fi
    done
}

if [ "${1:-}" = stop ]; then
    remove_cluster
    exit 0
fi
if [ -n "${1:-}" ]; then
    echo "usage: scripts/postgres.sh [stop]" >&2
    exit 2
fi

if ! command -v pg_createcluster >/dev/null 2>&1 || [ -z "$(versions)" ]; then
    echo "installing Debian's postgresql" >&2
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; then
        apt-get update >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
    fi
fi
version="$(versions | tail -n 1)"
remove_cluster

# A free port: the kernel picks one for a socket bound to port 0.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

pg_createcluster "$version" "$CLUSTER" --port "$port" -- --auth-local=peer --auth-host=scram-sha-256 >&2
pg_ctlcluster "$version" "$CLUSTER" start >&2
su postgres -c "psql --quiet --port $port --command \"CREATE USER sprout WITH CREATEDB PASSWORD '$password'\"" >&2
su postgres -c "createdb --port $port --owner sprout sprout" >&2
echo "postgres://sprout:$password@127.0.0.1:$port/sprout"
