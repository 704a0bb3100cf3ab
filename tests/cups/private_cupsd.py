"""private_cupsd.py — a cupsd of the printing tests' own, started and stopped by them.

    cups = PrivateCupsd(folder)   # everything under folder: config, spool, logs, a domain socket; never the system's
    cups.env                      # CUPS_SERVER for clients (libcups in the kiosk, lpadmin, lpstat, lp)
    cups.stop()                   # stops exactly the cupsd this object started (its pid), and waits for it to end

Its ServerBin is a folder of links to Debian's /usr/lib/cups with one backend added: zwgktest (zwgktest-backend
here), which writes each job to the folder of its device URI — the exact bytes the kiosk sent — and, while a file
named out-of-paper is in that folder, reports media-empty-error and stops the queue, as a printer out of paper does.
Debian's cups-pdf backend is linked too, for a real virtual PDF printer.  cupsd runs in the foreground (-f) as a
child of the test, so its pid is known and nothing else is ever stopped.
"""
import os
import shutil
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))

CUPSD_CONF = """Listen {d}/cups.sock
LogLevel debug
WebInterface No
Browsing No
DefaultShared No
PreserveJobHistory Yes
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
<Location />
  Order allow,deny
  Allow all
</Location>
"""
FILES_CONF = """ServerRoot {d}/etc
RequestRoot {d}/spool
TempDir {d}/tmp
CacheDir {d}/cache
StateDir {d}/run
ServerBin {d}/lib
DataDir /usr/share/cups
AccessLog {d}/log/access_log
ErrorLog {d}/log/error_log
PageLog {d}/log/page_log
FileDevice Yes
Sandboxing Relaxed
"""


class PrivateCupsd:
    def __init__(self, d):
        self.d = d
        for sub in ("etc/ppd", "spool", "tmp", "cache", "run", "log", "lib/backend", "out"):
            os.makedirs(os.path.join(d, sub), exist_ok=True)
        os.chmod(d, 0o755)
        os.chmod(os.path.dirname(os.path.abspath(d)), 0o755)  # filters run as lp: a mkdtemp parent is 0700
        os.chmod(os.path.join(d, "out"), 0o755)
        shutil.chown(os.path.join(d, "tmp"), group="lp")  # filters run as lp and write there
        os.chmod(os.path.join(d, "tmp"), 0o1770)
        for sub in ("filter", "cgi-bin", "daemon", "monitor", "notifier", "driver"):
            if os.path.exists("/usr/lib/cups/" + sub):
                os.symlink("/usr/lib/cups/" + sub, os.path.join(d, "lib", sub))
        for b in os.listdir("/usr/lib/cups/backend"):
            os.symlink("/usr/lib/cups/backend/" + b, os.path.join(d, "lib/backend", b))
        test_backend = os.path.join(d, "lib/backend/zwgktest")
        shutil.copy(os.path.join(HERE, "zwgktest-backend"), test_backend)
        os.chmod(test_backend, 0o700)  # 0700: cupsd runs it as root, as it does cups-pdf
        with open(os.path.join(d, "cupsd.conf"), "w") as f:
            f.write(CUPSD_CONF.format(d=d))
        with open(os.path.join(d, "cups-files.conf"), "w") as f:
            f.write(FILES_CONF.format(d=d))
        self.env = dict(os.environ, CUPS_SERVER=os.path.join(d, "cups.sock"))
        self.proc = subprocess.Popen(["cupsd", "-f", "-c", os.path.join(d, "cupsd.conf"), "-s",
                                      os.path.join(d, "cups-files.conf")], stdin=subprocess.DEVNULL)
        self.pid = self.proc.pid
        for _ in range(100):
            if os.path.exists(os.path.join(d, "cups.sock")) and self.run(["lpstat", "-r"], check=False).returncode == 0:
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        log = open(os.path.join(d, "log/error_log")).read() if os.path.exists(os.path.join(d, "log/error_log")) else ""
        self.stop()
        raise RuntimeError("cupsd did not start:\n" + log[-3000:])

    def run(self, argv, check=True):
        return subprocess.run(argv, env=self.env, capture_output=True, text=True, check=check)

    def add_queue(self, name, uri, ppd=None):
        argv = ["lpadmin", "-p", name, "-E", "-v", uri]
        if ppd:
            argv += ["-P", ppd]
        self.run(argv)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
