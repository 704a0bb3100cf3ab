# private_cupsd.sh — sourced by the printing tests: a cupsd of their own, started and stopped by them.
#
#   . tests/cups/private_cupsd.sh
#   cups_start DIR      # a cupsd with everything under DIR (config, spool, logs, a domain socket), never the
#                       # system's; sets CUPS_SERVER for the clients (libcups, lpadmin, lpstat) and CUPS_PID
#   cups_stop           # stops exactly the cupsd cups_start started (its pid), and waits for it to end
#
# Its ServerBin is a folder of links to Debian's /usr/lib/cups with one backend added: zwgktest (zwgktest-backend
# here), which writes each job to the folder in its device URI — the exact bytes the kiosk sent — and, while a file
# named out-of-paper is in that folder, reports media-empty-error and stops the queue, as a printer out of paper does.
# Debian's cups-pdf backend is linked too, for a real virtual PDF printer.  cupsd runs in the foreground (-f) in the
# background of the test, so its pid is known and nothing else is ever stopped.

cups_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

cups_start() {
    local d=$1
    mkdir -p "$d"/etc/ppd "$d"/spool "$d"/tmp "$d"/cache "$d"/run "$d"/log "$d"/lib/backend "$d"/out
    chmod 755 "$d" "$d"/out
    chgrp lp "$d"/tmp && chmod 1770 "$d"/tmp # filters run as lp and write there
    for sub in filter cgi-bin daemon monitor notifier driver; do
        [ -e /usr/lib/cups/$sub ] && ln -sfn /usr/lib/cups/$sub "$d/lib/$sub"
    done
    for b in /usr/lib/cups/backend/*; do ln -sfn "$b" "$d/lib/backend/$(basename "$b")"; done
    install -m 0700 "$cups_here/zwgktest-backend" "$d/lib/backend/zwgktest" # 0700: cupsd runs it as root
    cat >"$d/cupsd.conf" <<CONF
Listen $d/cups.sock
LogLevel info
WebInterface No
Browsing No
DefaultShared No
MaxJobs 100
PreserveJobHistory Yes
JobKillDelay 5
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
<Location />
  Order allow,deny
  Allow all
</Location>
CONF
    cat >"$d/cups-files.conf" <<CONF
ServerRoot $d/etc
RequestRoot $d/spool
TempDir $d/tmp
CacheDir $d/cache
StateDir $d/run
ServerBin $d/lib
DataDir /usr/share/cups
AccessLog $d/log/access_log
ErrorLog $d/log/error_log
PageLog $d/log/page_log
FileDevice Yes
Sandboxing Relaxed
CONF
    cupsd -f -c "$d/cupsd.conf" -s "$d/cups-files.conf" &
    CUPS_PID=$!
    export CUPS_SERVER="$d/cups.sock"
    CUPS_DIR=$d
    for _ in $(seq 1 100); do
        [ -S "$d/cups.sock" ] && lpstat -r >/dev/null 2>&1 && return 0
        kill -0 "$CUPS_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "cupsd did not start; its log:" >&2
    cat "$d/log/error_log" >&2 2>/dev/null
    return 1
}

cups_stop() {
    [ -n "${CUPS_PID:-}" ] || return 0
    kill "$CUPS_PID" 2>/dev/null
    for _ in $(seq 1 100); do
        kill -0 "$CUPS_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -9 "$CUPS_PID" 2>/dev/null
    wait "$CUPS_PID" 2>/dev/null
    CUPS_PID=
}
