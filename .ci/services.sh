# Sourced by .ci/run: the PostgreSQL (127.0.0.1:5432, trust auth) and Redis (127.0.0.1:6379) that
# the production-profile tests use, installed from Debian's packages when missing and started
# when not running. Tests create their own database and Redis key prefix on them.
pg_ready() {
    command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432
}

redis_ready() {
    command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]
}

apt_install() {
    if [ -z "${apt_updated:-}" ]; then
        apt-get update -qq
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_postgres() {
    pg_ready && return 0
    ls /etc/postgresql/*/main >/dev/null 2>&1 || apt_install postgresql
    local version
    version=$(ls /etc/postgresql | sort -V | tail -1)
    local conf="/etc/postgresql/$version/main"
    # local connections without a password, as the tests connect (user postgres)
    if ! grep -q '^host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"; then
        sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$conf/pg_hba.conf"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    for _ in $(seq 1 30); do pg_ready && return 0; sleep 1; done
    echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
    return 1
}

start_redis() {
    redis_ready && return 0
    command -v redis-server >/dev/null || apt_install redis-server
    redis_ready && return 0  # the package may have started its own
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 30); do redis_ready && return 0; sleep 1; done
    echo "Redis did not start on 127.0.0.1:6379" >&2
    return 1
}

start_postgres
start_redis
echo "PostgreSQL and Redis are up on 127.0.0.1"
