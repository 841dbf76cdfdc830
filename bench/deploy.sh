#!/usr/bin/env bash
# The deploy benchmark: a cold and a no-op `bantin deploy` of a generated corpus to real
# servers on 127.0.0.1, side by side in one run.
#
#   bench/deploy.sh                   # 10,000 articles
#   ARTICLES=1000 bench/deploy.sh
#
# Targets: a folder (file://, the floor: no protocol at all), FTP with TLS (pyftpdlib), SFTP
# (Debian's OpenSSH server, run as this user on a free port) and S3 (moto's server). The
# servers need what .ci/run installs (target/test-venv, openssh-server). Everything lives in
# /dev/shm. The time of each deploy is the one bantin reports ("trong N ms": the publishing
# alone, after the build); the build itself is done once before. "Protocol share" is the
# part of a cold deploy's time that the folder target does not spend: what the protocol and
# its server cost.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
SHARED=${SHARED:-$REPO/../shared}
ARTICLES=${ARTICLES:-10000}
WORK=${BENCH_WORK:-/dev/shm/bantin-deploy-bench}
PY=${BANTIN_TEST_PYTHON:-$REPO/target/test-venv/bin/python}

cargo build --release --quiet
BANTIN=$REPO/target/release/bantin
rm -rf "$WORK"
mkdir -p "$WORK"
SITE=$WORK/site
python3 "$SHARED/bench/gen_corpus.py" --articles "$ARTICLES" --images --out "$SITE" >/dev/null
"$BANTIN" build --root "$SITE" >/dev/null 2>&1
FILES=$(find "$SITE/output" -type f ! -name '.bantin*' | wc -l)
MB=$(du -sm --exclude='.bantin*' "$SITE/output" | cut -f1)

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "no server on port $1" >&2
  exit 1
}
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT

# FTP with TLS.
FTP_PORT=$(free_port)
mkdir -p "$WORK/ftp/home"
sed -n '/^const CERTIFICATE/,/^"#;/p' tests/it/deploy/ftp.rs | sed '1d;$d' >"$WORK/ftp/cert.py"
sed -n '/^const SERVER/,/^"#;/p' tests/it/deploy/ftp.rs | sed '1d;$d' >"$WORK/ftp/server.py"
"$PY" "$WORK/ftp/cert.py" "$WORK/ftp/ftp.crt" "$WORK/ftp/ftp.key"
"$PY" "$WORK/ftp/server.py" "$FTP_PORT" "$WORK/ftp/home" "$WORK/ftp/ftp.crt" "$WORK/ftp/ftp.key" 2>"$WORK/ftp/log" &
PIDS+=($!)

# SFTP: OpenSSH's server as this user, with keys made for the run.
SSH_PORT=$(free_port)
mkdir -p "$WORK/ssh/home" /run/sshd 2>/dev/null || mkdir -p "$WORK/ssh/home"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/ssh/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/ssh/userkey"
cp "$WORK/ssh/userkey.pub" "$WORK/ssh/authorized_keys"
cat >"$WORK/ssh/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $WORK/ssh/hostkey
PidFile $WORK/ssh/sshd.pid
AuthorizedKeysFile $WORK/ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
Subsystem sftp internal-sftp
EOF
/usr/sbin/sshd -D -e -f "$WORK/ssh/sshd_config" 2>"$WORK/ssh/log" &
PIDS+=($!)
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$WORK/ssh/hostkey.pub")" >"$WORK/ssh/known_hosts"

# S3: moto's server, and a bucket.
S3_PORT=$(free_port)
"$PY" -m moto.server -H 127.0.0.1 -p "$S3_PORT" 2>"$WORK/s3.log" &
PIDS+=($!)

wait_port "$FTP_PORT"
wait_port "$SSH_PORT"
wait_port "$S3_PORT"
"$PY" - "$S3_PORT" <<'EOF'
import sys, boto3
boto3.client("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1",
             aws_access_key_id="bench", aws_secret_access_key="bench").create_bucket(Bucket="bench")
EOF

export BANTIN_DEPLOY_PASSWORD=mat-khau BANTIN_DEPLOY_KEY=$WORK/ssh/userkey
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
declare -A URL=(
  [file]="file://$WORK/folder/www"
  [ftps]="ftps://toa-soan@127.0.0.1:$FTP_PORT/www?ca_file=$WORK/ftp/ftp.crt"
  [sftp]="sftp://$(id -un)@127.0.0.1:$SSH_PORT$WORK/ssh/home/www?known_hosts=$WORK/ssh/known_hosts"
  [s3]="s3://bench/www?endpoint=http://127.0.0.1:$S3_PORT&region=us-east-1"
)

# The milliseconds bantin reports for a deploy's publishing.
deploy_ms() {
  "$BANTIN" deploy --root "$SITE" --to "$1" "${@:2}" 2>"$WORK/err" | grep -o 'trong [0-9 ]* ms' | tr -dc '0-9' || {
    cat "$WORK/err" >&2
    exit 1
  }
}

echo "## Deploy: $ARTICLES articles, $FILES files ($MB MB), servers on 127.0.0.1 ($(date -u +%F))"
echo
echo "| Target | Connections | Cold deploy | Files/s | Protocol share | No-op deploy |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
FLOOR=0
for t in file ftps sftp s3; do
  for c in ${CONNECTIONS:-default}; do
    args=()
    [ "$c" != default ] && args=(--connections "$c")
    rm -rf "$WORK/folder" "$WORK/ftp/home/www" "$WORK/ssh/home/www"
    [ "$t" = s3 ] && "$PY" - "$S3_PORT" <<'EOF'
import sys, boto3
s3 = boto3.resource("s3", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}", region_name="us-east-1",
                    aws_access_key_id="bench", aws_secret_access_key="bench")
s3.Bucket("bench").objects.all().delete()
EOF
    cold=$(deploy_ms "${URL[$t]}" "${args[@]}")
    noop=$(deploy_ms "${URL[$t]}" "${args[@]}")
    [ "$t" = file ] && FLOOR=$cold
    share=$(awk -v c="$cold" -v f="$FLOOR" 'BEGIN { if (c > 0 && f > 0 && c > f) printf "%.0f %%", 100 * (c - f) / c; else print "–" }')
    rate=$(awk -v n="$FILES" -v ms="$cold" 'BEGIN { printf "%.0f", n / (ms / 1000) }')
    echo "| $t | $c | $(awk -v ms="$cold" 'BEGIN { printf "%.1f s", ms / 1000 }') | $rate | $share | $(awk -v ms="$noop" 'BEGIN { printf "%.2f s", ms / 1000 }') |"
  done
done
