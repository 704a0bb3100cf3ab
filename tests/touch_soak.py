#!/usr/bin/env python3
"""touch_soak.py — a seeded random touch soak of the real kiosk (run by touch_soak.sh; ROBUSTNESS.md has figures).

The kiosk runs with --script on a FIFO, so this driver talks to it while it runs: it writes a few commands, then
`dump` and reads the dump (the screen and every visible element), and picks the next commands from what is on
screen.  The mix: taps on tappable elements (their centre, jittered), `press LABEL` of visible labels, finger
`touch`es, taps anywhere, slow drags and fast flicks in the body, keys (PageDown, Home, Backspace, …), typed text
(Chinese, pinyin, punctuation, over-long), short waits, and idle timeouts at awkward moments:
  - `wait 95000` right after a flick, while the page still glides (the countdown comes up mid-glide);
  - `wait 90500`, then a drag or tap that starts during the countdown (the touch that cancels it does nothing else);
  - `wait 101000` on a deep screen (the session resets);
  - a finger held down and moving for 101 s of virtual time (one drag): no reset may happen while it is down.
Now and then the admin gesture (five taps in the corner of home) and the PIN lead into admin mode.

Content updates: the kiosk has a data folder and watches an inbox.  At 15 % of the run the driver opens the longest
document, drops a signed version 2 of the demo into the inbox the way rsync does (dot-named copy, then rename) and
keeps scrolling until the dumps show version 2: the package arrives and is installed mid-scroll.  At 55 % a damaged
package (one byte flipped after signing) is dropped: it must be refused on screen, version 2 staying.

Checked: the kiosk exits 0 after `quit` with nothing from AddressSanitizer, UndefinedBehaviorSanitizer or
LeakSanitizer on stderr; both packages did what they should; the held finger never let the session reset; the walk
reached every screen it is expected to.  RSS (VmRSS from /proc, sampled at every dump) is reported as a curve, and
asserted flat after warm-up in the normal build (in the ASan build the allocator's quarantine and redzones dominate
RSS, so it is reported only).

The random choices depend only on the seed and on what the dumps show, so a run is repeatable up to when the
package worker (a real thread, real time) finishes.

Usage: touch_soak.py BUILD SRC [--actions N] [--seed S] [--size WxH]   (env ZWGK_SOAK_ACTIONS for the long run)
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_run as kr  # noqa: E402
import uidump  # noqa: E402

V2 = 2024120101
V3 = 2024130101
LONG_DOC = "信丰县人民政府办公室关于印发《信丰县2024年政务公开工作方案》的通知"
PIN = "20241101"
NEVER_PRESS = ("退出到桌面", "回退到上一版本")       # would end the run / move the content back
NEVER_PRESS_PREFIX = ("无操作返回首页",)             # changes the idle time the soak relies on
EXPECTED_SCREENS = {"home", "areas", "area", "item", "list", "reader", "guide", "interpretation", "search",
                    "idle_countdown", "admin_pin", "admin"}
TEXTS = ["低保", "ylfw", "yanglao", "赣府厅字202415号", "养老服务补贴", "%*\" AND 1=1 --", "ｌｖ", "zh", "\u200b\u202e",
         "政务公开专区自助终端长时间输入测试政务公开专区自助终端", "a", "1234567890", "😀𠀀", "é"]
KEYS = ["PageDown", "PageUp", "Down", "Up", "Home", "Backspace", "Return", "AC Back", "Space", "A", "1"]


class Kiosk:
    """The kiosk process and the FIFO its script is read from."""

    def __init__(self, build, work, size, args):
        """Starts build/zwgk-kiosk with args (--content, --data …) in a window of size, scripted through a FIFO in
        work; its stderr goes to work/kiosk.err and its --frame-stats to work/frame-stats.json."""
        self.work = work
        self.fifo = os.path.join(work, "script.fifo")
        os.mkfifo(self.fifo)
        self.stats = os.path.join(work, "frame-stats.json")
        self.err = open(os.path.join(work, "kiosk.err"), "w")
        env = kr.kiosk_env()
        self.proc = subprocess.Popen(
            [os.path.join(build, "zwgk-kiosk"), *args, "--windowed", size, "--script", self.fifo,
             "--frame-stats", self.stats], stdout=self.err, stderr=self.err, env=env)
        self.out = open(self.fifo, "w")  # blocks until the kiosk opens its script
        self.ndump = 0
        self.fresh = False  # nothing sent since the last dump: its labels are what `press` will find
        self.rss = []  # (command number, VmRSS KiB)
        self.commands = 0

    def send(self, *lines):
        self.fresh = False
        for line in lines:
            self.out.write(line + "\n")
            self.commands += 1
        self.out.flush()

    def dump(self, timeout=120):
        """Sends `dump`, waits for the file and returns it parsed."""
        self.ndump += 1
        path = os.path.join(self.work, f"d{self.ndump}.json")
        self.send(f"dump {path}")
        deadline = time.monotonic() + timeout
        while not os.path.exists(path):
            if self.proc.poll() is not None:
                raise RuntimeError(f"the kiosk exited ({self.proc.returncode}) before dump {self.ndump}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"dump {self.ndump} never came")
            time.sleep(0.0005)
        d = uidump.load(path)  # strict UTF-8, every label checked (uidump.py)
        os.unlink(path)
        self.fresh = True
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        self.rss.append((self.commands, int(line.split()[1])))
        except OSError:
            pass
        return d

    def finish(self):
        self.send("quit")
        self.out.close()
        rc = self.proc.wait(timeout=600)
        self.err.close()
        return rc


def tappable(d):
    out = []
    for e in d["elements"]:
        if not e.get("tappable") or e["w"] <= 0 or e["h"] <= 0:
            continue
        label = e["label"]
        if label in NEVER_PRESS or label.startswith(NEVER_PRESS_PREFIX):
            continue
        out.append(e)
    return out


def pressable(e):
    label = e["label"]
    return (label and label == label.strip() and "\n" not in label and "\r" not in label and len(label) < 1000
            and not label.startswith("#"))


class Soak:
    def __init__(self, kiosk, rng, w, h):
        self.k, self.rng, self.w, self.h = kiosk, rng, w, h
        self.d = None
        self.counts = {}
        self.screens = {}
        self.held_ok = self.held_bad = 0

    def count(self, kind):
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def look(self):
        self.d = self.k.dump()
        s = self.d["screen"]
        self.screens[s] = self.screens.get(s, 0) + 1
        return self.d

    def safe_screen(self):
        return self.d and self.d["screen"] not in ("admin", "admin_pin")

    def body_y(self):
        return self.rng.randint(int(self.h * 0.25), int(self.h * 0.8))

    def step(self):
        r = self.rng.random()
        rng, w, h = self.rng, self.w, self.h
        els = tappable(self.d)
        if r < 0.35 and els:
            e = rng.choice(els)
            x = e["x"] + e["w"] // 2 + rng.randint(-3, 3)
            y = e["y"] + e["h"] // 2 + rng.randint(-3, 3)
            self.k.send(f"tap {x} {y}")
            self.count("tap element")
        elif r < 0.45 and els:
            if not self.k.fresh:
                els = tappable(self.look())
            labels = [e for e in els if pressable(e)]
            if labels:
                self.k.send(f"press {rng.choice(labels)['label']}")
                self.count("press label")
        elif r < 0.52 and els:
            e = rng.choice(els)
            self.k.send(f"touch {e['x'] + e['w'] // 2} {e['y'] + e['h'] // 2}")
            self.count("touch (finger + late mouse copy)")
        elif r < 0.58 and self.safe_screen():
            self.k.send(f"tap {rng.randint(0, w - 1)} {rng.randint(0, h - 1)}")
            self.count("tap anywhere")
        elif r < 0.68:
            y1, y2 = self.body_y(), self.body_y()
            if abs(y2 - y1) < h // 10:
                y2 = y1 + h // 5 if y1 < h // 2 else y1 - h // 5
            self.k.send(f"drag {w // 2 + rng.randint(-50, 50)} {y1} {w // 2} {y2} {rng.randint(100, 1200)}")
            self.count("drag")
        elif r < 0.76:
            y1 = self.body_y()
            y2 = y1 + rng.choice([-1, 1]) * rng.randint(h // 8, h // 3)
            self.k.send(f"drag {w // 2} {y1} {w // 2} {max(0, min(h - 1, y2))} {rng.randint(40, 120)}",
                        f"wait {rng.randint(100, 2500)}")
            self.count("flick")
        elif r < 0.84:
            self.k.send(f"key {rng.choice(KEYS)}")
            self.count("key")
        elif r < 0.88:
            t = rng.choice(TEXTS) if rng.random() < 0.8 else "".join(chr(rng.randint(0x4E00, 0x9FA5))
                                                                    for _ in range(rng.randint(1, 12)))
            self.k.send(f"type {t}")
            self.count("type")
        elif r < 0.93:
            self.k.send(f"wait {rng.randint(0, 3000)}")
            self.count("wait")
        elif r < 0.985:
            self.idle()
        else:
            self.admin()

    def idle(self):
        rng, w, h = self.rng, self.w, self.h
        kind = rng.randint(0, 2)
        if kind == 0:  # flick, and the idle time runs out while the page glides
            y = self.body_y()
            self.k.send(f"drag {w // 2} {y} {w // 2} {max(0, y - h // 3)} 60", "wait 95000")
            self.count("idle: wait 95000 right after a flick (mid-glide)")
        elif kind == 1:  # the countdown is up when a touch starts a gesture
            self.k.send("wait 90500")
            y = self.body_y()
            if rng.random() < 0.5:
                self.k.send(f"drag {w // 2} {y} {w // 2} {max(0, y - h // 4)} {rng.randint(60, 600)}")
            else:
                self.k.send(f"tap {rng.randint(0, w - 1)} {y}")
            self.count("idle: gesture starting during the countdown")
        else:
            self.k.send("wait 101000")
            self.count("idle: wait 101000 (reset)")

    def hold_through_idle(self):
        """A finger down and moving slowly for 101 s of virtual time: no reset while it is down."""
        before = self.look()
        y = self.h // 2
        self.k.send(f"drag {self.w // 2} {y} {self.w // 2} {y + self.h // 10} 101000")
        after = self.look()
        if after["screen"] == before["screen"] and after["screen"] != "idle_countdown":
            self.held_ok += 1
        else:
            self.held_bad += 1
            print(f"touch_soak: a held finger let the session go: {before['screen']} -> {after['screen']}")
        self.count("idle: finger held through 101 s")

    def admin(self):
        """The hidden gesture and the PIN, from home; a few safe admin actions; back home."""
        self.k.send("key Home", "wait 20")
        d = self.look()
        if d["screen"] != "home":
            return
        self.k.send(*["tap 20 20"] * 5)
        d = self.look()
        if d["screen"] != "admin_pin":
            self.count("admin gesture missed")
            return
        self.k.send(*[f"press {c}" for c in PIN], "press 确认")
        d = self.look()
        if d["screen"] == "admin":
            for _ in range(self.rng.randint(1, 4)):
                els = [e for e in tappable(d) if pressable(e)]
                if not els:
                    break
                self.k.send(f"press {self.rng.choice(els)['label']}")
                d = self.look()
                if d["screen"] != "admin":
                    break
        self.k.send("key Home")
        self.count("admin mode (gesture + PIN)")

    def open_long_doc(self):
        has = lambda d, label: any(e["label"] == label for e in d["elements"])
        for _ in range(4):
            self.k.send("key Home")
            d = self.look()
            if d["screen"] == "idle_countdown":  # a touch cancels it (and does nothing else)
                self.k.send(f"tap {self.w // 2} {self.h // 2}")
                continue
            if d["screen"] != "home" or not has(d, "政策文件"):
                continue
            self.k.send("press 政策文件")
            d = self.look()
            if has(d, LONG_DOC):
                self.k.send(f"press {LONG_DOC}")
                return self.look()
        return self.look()

    def scroll_until(self, want, timeout_s):
        """Drags and flicks on the open screen, dumping after each, until want(dump) or the time is up."""
        t0 = time.monotonic()
        n = 0
        while time.monotonic() - t0 < timeout_s:
            y = self.h * 3 // 4
            if n % 2 == 0:
                self.k.send(f"drag {self.w // 2} {y} {self.w // 2} {y - self.h // 2} 400")
            else:
                self.k.send(f"drag {self.w // 2} {self.h // 4} {self.w // 2} {y} 120", "wait 300")
            n += 1
            if want(self.look()):
                return n, time.monotonic() - t0
        return None, time.monotonic() - t0


def make_packages(build, src, work):
    admin = os.path.join(build, "zwgk-admin")
    run = lambda *a: subprocess.run(a, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    run(admin, "keygen", "-p", f"{work}/k.pub", "-s", f"{work}/k.key")
    for v, name in ((V2, "v2"), (V3, "bad")):
        tree = f"{work}/{name}-src"
        shutil.copytree(os.path.join(src, "assets/demo"), tree)
        meta = open(f"{tree}/meta.yaml").read().splitlines()
        meta = [f"content_version: {v}" if l.startswith("content_version:") else l for l in meta]
        open(f"{tree}/meta.yaml", "w").write("\n".join(meta) + "\n")
        run(admin, "build", tree, "-o", f"{work}/{name}.db")
        run(admin, "sign", f"{work}/{name}.db", "--key", f"{work}/k.key")
    size = os.path.getsize(f"{work}/bad.db")
    with open(f"{work}/bad.db", "r+b") as f:  # damaged after signing: the signature must catch it
        f.seek(size // 2)
        b = f.read(1)
        f.seek(size // 2)
        f.write(bytes([b[0] ^ 0x5A]))
    pub = open(f"{work}/k.pub").read().splitlines()[-1]
    os.makedirs(f"{work}/inbox")
    os.makedirs(f"{work}/data")
    conf = f"{work}/kiosk.conf"
    open(conf, "w").write(f"publisher_id = xinfeng-demo\ntrusted_key = {pub}\nwatch = {work}/inbox\n")
    run(admin, "pin", "--data", f"{work}/data", "--pin", PIN)
    return conf


def drop(work, name):
    """As rsync: a dot-named temporary copy renamed into place, the signature the same way.  The file keeps the name
    it was signed under (the trusted comment binds it)."""
    for ext in ("", ".minisig"):
        tmp = f"{work}/inbox/.{name}.db{ext}.tmp"
        shutil.copy(f"{work}/{name}.db{ext}", tmp)
        os.rename(tmp, f"{work}/inbox/{name}.db{ext}")


def rss_report(rss, actions_at):
    if not rss:
        return []
    pts = []
    for q in range(11):
        i = min(len(rss) - 1, q * (len(rss) - 1) // 10)
        pts.append(rss[i])
    return [f"{c}:{kib / 1024:.1f}" for c, kib in pts]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("src")
    ap.add_argument("--actions", type=int, default=int(os.environ.get("ZWGK_SOAK_ACTIONS", "3000")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("ZWGK_SOAK_SEED", "20241101")))
    ap.add_argument("--size", default=os.environ.get("ZWGK_SOAK_SIZE", "540x960"))
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    a = ap.parse_args()
    w, h = (int(v) for v in a.size.split("x"))
    sanitized = "ZWGK_SANITIZE:BOOL=ON" in open(os.path.join(a.build, "CMakeCache.txt")).read()
    if sanitized:  # a smaller quarantine than ASan's 256 MB, so the RSS curve shows more than freed blocks piling up
        os.environ["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=32"
    work = tempfile.mkdtemp(prefix="zwgk-soak-")
    failures = []
    t_start = time.monotonic()
    k = soak = None
    try:
        conf = make_packages(a.build, a.src, work)
        k = Kiosk(a.build, work, a.size, ["--content", os.path.join(a.build, "demo.db"), "--data", f"{work}/data",
                                          "--config", conf])
        rng = random.Random(a.seed)
        soak = Soak(k, rng, w, h)
        soak.look()
        update_at, damaged_at, hold_at = a.actions * 15 // 100, a.actions * 55 // 100, a.actions * 80 // 100
        update = damaged = None
        for i in range(a.actions):
            if i == update_at:
                d = soak.open_long_doc()
                if d["screen"] != "reader":
                    failures.append(f"could not open the long document for the update (on {d['screen']})")
                soak.scroll_until(lambda d: False, 0.0)  # already scrolling when the package lands
                soak.k.send(f"drag {w // 2} {h * 3 // 4} {w // 2} {h // 4} 300")
                drop(work, "v2")
                n, secs = soak.scroll_until(lambda d: d.get("content_version") == V2, 120)
                update = (n, secs, soak.d["screen"])
                if n is None:
                    failures.append("version 2 never showed while scrolling")
            elif i == damaged_at:
                soak.open_long_doc()
                drop(work, "bad")
                labels = lambda d: " ".join(e["label"] for e in d["elements"])
                n, secs = soak.scroll_until(lambda d: "更新包未安装" in labels(d), 120)
                damaged = (n, secs)
                if n is None:
                    failures.append("the damaged package was not refused on screen")
                if soak.d.get("content_version") != V2:
                    failures.append(f"after the damaged package the kiosk shows {soak.d.get('content_version')}")
            elif i == hold_at:
                soak.hold_through_idle()
            soak.step()
            if i % 4 == 3 or not soak.safe_screen():
                soak.look()
        final = soak.look()
        rc = k.finish()
    except (RuntimeError, BrokenPipeError, subprocess.TimeoutExpired) as e:
        failures.append(f"driver: {e}")
        rc = None
        if k:
            k.proc.kill()
        final = {}
    elapsed = time.monotonic() - t_start
    err = open(f"{work}/kiosk.err", errors="replace").read()
    for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:", "SUMMARY: "):
        if marker in err:
            failures.append(f"sanitizer report on stderr ({marker}):\n{err[-3000:]}")
            break
    if rc not in (0, None):
        failures.append(f"the kiosk exited {rc}: {err[-2000:]}")
    stats = {}
    try:
        stats = json.load(open(k.stats))
    except (OSError, ValueError):
        failures.append("no --frame-stats written")
    seen = set(soak.screens)
    missing = EXPECTED_SCREENS - seen
    if missing and a.actions >= 1000:
        failures.append(f"screens never reached: {sorted(missing)}")
    if soak is None or k is None:
        print("touch_soak: FAIL: the soak did not start: " + "; ".join(failures))
        sys.exit(1)
    if soak.held_bad:
        failures.append(f"{soak.held_bad} held fingers let the session reset")

    print(f"touch_soak: seed {a.seed}, {a.actions} random actions ({k.commands} script commands, "
          f"{stats.get('frames', '?')} frames) at {a.size} in {elapsed:.1f} s, "
          f"{'ASan+UBSan' if sanitized else 'normal'} build")
    print("touch_soak: actions: " + ", ".join(f"{kind} {n}" for kind, n in sorted(soak.counts.items())))
    print("touch_soak: screens (dumps): " + ", ".join(f"{s} {n}" for s, n in sorted(soak.screens.items())))
    if update:
        print(f"touch_soak: package v{V2} dropped mid-scroll on the {update[2]} screen: shown after {update[0]} "
              f"scroll gestures, {update[1]:.1f} s")
    if damaged:
        print(f"touch_soak: damaged package refused on screen after {damaged[0]} gestures ({damaged[1]:.1f} s); "
              f"version {final.get('content_version')} still showing")
    print(f"touch_soak: finger held through the idle time: {soak.held_ok} kept the screen, {soak.held_bad} reset")
    print(f"touch_soak: frame CPU median {stats.get('median_ms', 0):.2f} ms, p99 {stats.get('p99_ms', 0):.2f} ms, "
          f"max {stats.get('max_ms', 0):.2f} ms; peak RSS {stats.get('peak_rss_kib', 0) / 1024:.1f} MiB")
    rss = k.rss
    print("touch_soak: RSS curve (script command: MiB): " + " ".join(rss_report(rss, None)))
    if len(rss) >= 20:
        # Flat after warm-up: the highest RSS of the last third against that of the middle third (the update and
        # the first visits to every screen happen before).
        n = len(rss)
        mid = max(r for _, r in rss[n // 3: 2 * n // 3])
        last = max(r for _, r in rss[2 * n // 3:])
        growth = (last - mid) / 1024
        print(f"touch_soak: RSS after warm-up: max {mid / 1024:.1f} MiB in the middle third, {last / 1024:.1f} MiB in "
              f"the last third ({growth:+.1f} MiB)")
        if not sanitized and growth > 4 + mid / 1024 * 0.05:
            failures.append(f"RSS grew by {growth:.1f} MiB after warm-up")
    if failures:
        for f in failures:
            print("touch_soak: FAIL: " + f)
        print(f"touch_soak: work folder kept: {work}")
        sys.exit(1)
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("touch_soak: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
