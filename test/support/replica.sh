#!/usr/bin/env bash
# A PostgreSQL primary (port 5434) and its streaming standby (port 5433) of our own, for the read
# replica tests (issue #20): the shared cluster on 5432 allows no replication. Debian's tools:
# initdb, pg_basebackup -R, pg_ctl. PostgreSQL refuses to run as root, so as root we run as postgres.
#
#   replica.sh start            both up (reused when already up); prints nothing else on success
#   replica.sh stop             both down, directory removed
#   replica.sh stop-standby     the standby down (the tests' "replica is gone")
#   replica.sh start-standby    the standby up again
#
# Exit 3: the PostgreSQL server tools are not installed (the tests skip with that sentence).
set -euo pipefail
DIR=${CAUNOI_REPLICA_DIR:-/tmp/caunoi-replica}
PRIMARY_PORT=${CAUNOI_REPLICA_PRIMARY_PORT:-5434}
STANDBY_PORT=${CAUNOI_REPLICA_STANDBY_PORT:-5433}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ] || [ ! -x "$BIN/pg_basebackup" ]; then
  echo "PostgreSQL server tools (initdb, pg_basebackup, pg_ctl) not found under /usr/lib/postgresql/*/bin" >&2
  exit 3
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
ready() { "$BIN/pg_isready" -h 127.0.0.1 -p "$1" -q; }

start_standby() {
  ready "$STANDBY_PORT" || as_pg "$BIN/pg_ctl" -D "$DIR/standby" -l "$DIR/standby.log" -w -t 60 start >/dev/null
}

case "${1:-start}" in
  start)
    if ready "$PRIMARY_PORT" && [ -d "$DIR/standby" ]; then start_standby; exit 0; fi
    [ -d "$DIR/primary" ] && as_pg "$BIN/pg_ctl" -D "$DIR/primary" -m immediate stop >/dev/null 2>&1 || true
    [ -d "$DIR/standby" ] && as_pg "$BIN/pg_ctl" -D "$DIR/standby" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
    as_pg "$BIN/initdb" -D "$DIR/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    # Trust on loopback (initdb's default pg_hba also lets 127.0.0.1 replicate); a test cluster,
    # so no fsync: the lag measured is replay's, not this machine's disk under six engineers.
    cat >>"$DIR/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 5
max_connections = 60
fsync = off
shared_buffers = 64MB
CONF
    as_pg "$BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w -t 60 start >/dev/null
    as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR/standby" -R -X stream >/dev/null
    echo "port = $STANDBY_PORT" >>"$DIR/standby/postgresql.auto.conf"
    start_standby
    ;;
  stop)
    for c in standby primary; do
      [ -d "$DIR/$c" ] && as_pg "$BIN/pg_ctl" -D "$DIR/$c" -m fast -w stop >/dev/null 2>&1 || true
    done
    rm -rf "$DIR"
    ;;
  stop-standby) as_pg "$BIN/pg_ctl" -D "$DIR/standby" -m immediate -w stop >/dev/null 2>&1 || true ;;
  start-standby) start_standby ;;
  *) echo "usage: $0 start|stop|stop-standby|start-standby" >&2; exit 2 ;;
esac
