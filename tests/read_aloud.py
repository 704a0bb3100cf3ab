#!/usr/bin/env python3
"""read_aloud.py — 朗读 through the real engine to a real audio device (issue 11 §1).

The kiosk reads with espeak-ng (libespeak-ng, voice cmn-latn-pinyin) and plays through SDL.  SDL's disk audio driver
(SDL_AUDIODRIVER=disk) writes what the device is given to SDL_DISKAUDIOFILE, in real time, as raw signed 16-bit mono
samples at the rate the kiosk opened it with (22050 Hz): that file is what a loudspeaker would have played.  A
script's `wait MS` lasts, while 朗读 plays, until that much audio has reached the device; `sleep MS` lets real time
pass with the virtual clock still.  Checked:
  - reader: `press 朗读` then `wait 3000` puts about 3 s of audio, most of it speech, into the file; the dump says what
    is being read (the title, sentence 0) and the speed (中); the screenshot shows it highlighted; after `press 停止`
    and 4 s of real time the file has not grown: stopping stops the stream;
  - home in 长者模式: 朗读 reads the greeting and every tile to the end on its own at 慢, then stops; the audio is
    speech of a plausible length for the syllables said (0.15-0.9 s each);
  - pages turn as it reads: on a 1280×800 screen at the largest size, 快 for 25 s of audio takes the reading onto a
    later page, and the sentence being read is on the page shown;
  - navigation (返回) and the idle reset (after 暂停, the idle timeout) stop it and the file stops growing;
  - a kiosk without a sound device says so on screen and carries on.
Screenshots go to BUILD/screens-read-aloud/ for looking at (and, with ZWGK_UPDATE_DOCS=1, to docs/screenshots/).  Skips (77) without espeak-ng.

Usage: read_aloud.py BUILD SRC
"""
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_run as kr  # noqa: E402
import uidump  # noqa: E402

BUILD, SRC = sys.argv[1], sys.argv[2]
KIOSK = os.path.join(BUILD, "zwgk-kiosk")
DB = os.path.join(BUILD, "demo.db")
RATE = 22050
DIBAO = "信丰县最低生活保障审核确认实施细则（演示）"
SHOTS = os.path.join(BUILD, "screens-read-aloud")
# With ZWGK_UPDATE_DOCS=1 these refresh docs/screenshots/ too.
DOC_SHOTS = {"reader-reading.png": "reader-read-aloud-1080x1920.png",
             "home-elder-reading.png": "home-elder-read-aloud-1080x1920.png",
             "reader-page-turned.png": "reader-read-aloud-1280x800.png"}

failures = []
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)
    return cond


def run(work, name, lines, size="1080x1920", audio="disk", args=()):
    """Runs a script; returns (dumps by name, samples written to the disk device)."""
    script = os.path.join(work, name + ".txt")
    raw = os.path.join(work, name + ".raw")
    with open(script, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\nquit\n")
    env = kr.kiosk_env(SDL_AUDIODRIVER=audio, SDL_DISKAUDIOFILE=raw)
    p = subprocess.run([KIOSK, "--content", DB, "--data", os.path.join(work, name + "-data"), "--windowed", size,
                        "--script", script, *args], cwd=work, env=env, capture_output=True, text=True, timeout=240)
    if p.returncode != 0:
        print(p.stdout, p.stderr, file=sys.stderr)
        raise SystemExit(f"{name}: the kiosk exited {p.returncode}")
    dumps = {}
    for line in lines:
        if line.startswith("dump "):
            n = line[5:]
            dumps[n] = uidump.load(os.path.join(work, n))
        if line.startswith("shot "):
            shutil.copy(os.path.join(work, line[5:]), SHOTS)
            if os.environ.get("ZWGK_UPDATE_DOCS") == "1" and line[5:] in DOC_SHOTS:
                shutil.copy(os.path.join(work, line[5:]), os.path.join(SRC, "docs", "screenshots", DOC_SHOTS[line[5:]]))
    pcm = []
    if os.path.exists(raw):
        data = open(raw, "rb").read()
        pcm = struct.unpack(f"<{len(data) // 2}h", data[: len(data) // 2 * 2])
    return dumps, pcm, p.stderr


def rms(samples):
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def speech_fraction(pcm):
    """The share of 20 ms windows that carry speech (RMS over 300 of 32767)."""
    w = RATE // 50
    wins = [pcm[i:i + w] for i in range(0, len(pcm) - w + 1, w)]
    return sum(1 for x in wins if rms(x) > 300) / len(wins) if wins else 0.0


def syllables(text):
    """Han characters, and a generous count for digits (二十七 for 27)."""
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") + sum(2 for ch in text if ch.isdigit())


def labels(d, role=None):
    return [e["label"] for e in d["elements"] if role is None or e["role"] == role]


def visible_text(d):
    v = d["scroll"]["view"]
    return "".join(e["label"] for e in d["elements"] if e["role"] == "text" and not e.get("cut")
                   and e["y"] >= v[1] and e["y"] + e["h"] <= v[1] + v[3])


def main():
    if not shutil.which("espeak-ng"):
        print("SKIP: espeak-ng is not installed")
        return 77
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="zwgk-read-aloud-")
    try:
        # ---- the reader: 3 s of the title, then 停止 ----
        # (what the screen says is taken in a run of its own: a screenshot between wait and 停止 lets the device
        # play on for as long as the PNG takes on a loaded machine)
        dumps, _, _ = run(work, "reader-shown", [
            "press 政策文件", f"seek {DIBAO}", "dump r0.json",
            "press 朗读", "wait 3000", "dump r1.json", "shot reader-reading.png"])
        r0, r1 = dumps["r0.json"], dumps["r1.json"]
        dumps, pcm, _ = run(work, "reader", [
            "press 政策文件", f"seek {DIBAO}", "press 朗读", "wait 3000", "press 停止", "sleep 4000", "dump r2.json"])
        r2 = dumps["r2.json"]
        check("朗读" in labels(r0, "button"), "reader: a 朗读 button")
        check(r0["read_aloud"]["state"] == "idle", f"reader: idle before 朗读: {r0['read_aloud']}")
        ra = r1["read_aloud"]
        check(ra["state"] == "playing" and ra.get("sentence") == 0 and ra.get("text") == DIBAO,
              f"reader: the dump says the title is being read: {ra}")
        check(ra["speed"] == "中", f"reader: 中 by default outside 长者模式: {ra}")
        check({"暂停", "停止"} <= set(labels(r1, "button")) and {"慢", "中", "快"} <= set(labels(r1, "tab")),
              f"reader: 暂停, 停止 and 语速 慢 中 快 while reading: {labels(r1)}")
        secs = len(pcm) / RATE
        # 3 s, plus what plays while the frames of the two taps are drawn; a 停止 that left the device open would
        # add the 4 s of sleep
        check(2.9 <= secs <= 5.0, f"reader: wait 3000 then 停止 put {secs:.2f} s of audio on the device (3-5 s)")
        check(speech_fraction(pcm) > 0.5, f"reader: the audio is speech, not silence: {speech_fraction(pcm):.2f}")
        check(r2["read_aloud"]["state"] == "idle" and "暂停" not in labels(r2, "button"),
              f"reader: 停止 ends the reading: {r2['read_aloud']}")

        # ---- home in 长者模式: to the end, on its own, at 慢 ----
        dumps, pcm, _ = run(work, "home", [
            "press 长者模式：字更大（点此开启）", "dump h0.json",
            "press 朗读", "wait 1500", "dump h1.json", "shot home-elder-reading.png",
            "wait 80000", "dump h2.json"])
        h0, h1, h2 = dumps["h0.json"], dumps["h1.json"], dumps["h2.json"]
        check("朗读" in labels(h0, "button"), "home: 朗读 in 长者模式")
        check(h1["read_aloud"]["state"] == "playing" and h1["read_aloud"]["speed"] == "慢",
              f"home: 慢 in 长者模式: {h1['read_aloud']}")
        check(h2["read_aloud"]["state"] == "idle" and h2["screen"] == "home",
              f"home: the reading ended on its own: {h2['screen']} {h2['read_aloud']}")
        said = h1["read_aloud"].get("text", "") + "".join(
            e["label"] for e in h0["elements"] if e["role"] == "tile")
        n, secs = syllables(said), len(pcm) / RATE
        check(0.15 * n <= secs <= 0.9 * n, f"home: {secs:.1f} s of audio for about {n} syllables")
        check(speech_fraction(pcm) > 0.4, f"home: the audio is speech: {speech_fraction(pcm):.2f}")

        # ---- home outside 长者模式: no 朗读 ----
        dumps, _, _ = run(work, "home-plain", ["dump p0.json"])
        check("朗读" not in labels(dumps["p0.json"], "button"), "home: no 朗读 outside 长者模式")

        # ---- pages turn as it reads ----
        dumps, pcm, _ = run(work, "pages", [
            "press 政策文件", f"seek {DIBAO}", "press 字号＋", "press 字号＋", "press 字号＋", "dump t0.json",
            "press 朗读", "press 快", "wait 25000", "dump t1.json", "shot reader-page-turned.png", "press 停止"],
            size="1280x800")
        t0, t1 = dumps["t0.json"], dumps["t1.json"]
        ra = t1["read_aloud"]
        check(ra["state"] == "playing" and ra["speed"] == "快", f"pages: reading at 快: {ra}")
        check(t1["scroll"]["page"] > t0["scroll"]["page"],
              f"pages: the page turned with the reading: page {t0['scroll']['page']} → {t1['scroll']['page']}")
        head = ra.get("text", "")[:6]
        check(head and head in visible_text(t1), f"pages: the sentence being read ({head}…) is on the page shown")

        # ---- navigation and the idle reset stop it ----
        dumps, pcm, _ = run(work, "back", [
            "press 政策文件", f"seek {DIBAO}", "press 朗读", "wait 2000", "press ‹ 返回", "sleep 4000", "dump b1.json"])
        secs = len(pcm) / RATE
        check(1.9 <= secs <= 4.0, f"返回: the stream stopped: {secs:.2f} s on the device for wait 2000")
        check(dumps["b1.json"]["read_aloud"]["state"] == "idle", "返回: the reading ended")
        dumps, pcm, _ = run(work, "idle", [
            "press 政策文件", f"seek {DIBAO}", "press 朗读", "wait 1000", "press 暂停", "dump i0.json",
            "wait 240000", "dump i1.json"])  # past reading_idle_seconds (180 s) and the countdown
        check(dumps["i0.json"]["read_aloud"]["state"] == "paused", "暂停: paused")
        check(dumps["i1.json"]["screen"] == "home" and dumps["i1.json"]["read_aloud"]["state"] == "idle",
              f"idle reset: home, reading ended: {dumps['i1.json']['screen']} {dumps['i1.json']['read_aloud']}")
        check(len(pcm) / RATE <= 2.0, f"idle: nothing played after 暂停: {len(pcm) / RATE:.2f} s")
        # a reading left playing to an empty hall ends: listen_idle_seconds after the last touch, the countdown, then
        # the reset (before, every sentence counted as a touch and a long document read on to its end)
        conf = os.path.join(work, "listen.conf")
        with open(conf, "w", encoding="utf-8") as f:
            f.write("idle_seconds = 10\nreading_idle_seconds = 10\nlisten_idle_seconds = 12\ncountdown_seconds = 3\n")
        dumps, pcm, _ = run(work, "listen", [
            "press 政策文件", f"seek {DIBAO}", "press 朗读", "wait 8000", "dump l0.json", "wait 6000", "dump l1.json",
            "wait 6000", "dump l2.json"], args=("--config", conf))
        check(dumps["l0.json"]["read_aloud"]["state"] == "playing" and dumps["l0.json"]["screen"] == "reader",
              f"listening: 8 s after the last touch it reads on, no countdown: {dumps['l0.json']['read_aloud']}")
        check(dumps["l1.json"]["read_aloud"]["state"] == "playing" and dumps["l1.json"]["screen"] == "idle_countdown",
              f"listening: past listen_idle_seconds the countdown shows over the reading: {dumps['l1.json']['read_aloud']}")
        check(dumps["l2.json"]["screen"] == "home" and dumps["l2.json"]["read_aloud"]["state"] == "idle",
              f"listening: no touch, the reset ends the reading: {dumps['l2.json']['screen']} {dumps['l2.json']['read_aloud']}")
        secs = len(pcm) / RATE
        check(secs <= 16.5, f"listening: the device got no sound after the reset: {secs:.2f} s for 15 s to the reset")

        # ---- no sound device ----
        dumps, _, err = run(work, "nosound", [
            "press 政策文件", f"seek {DIBAO}", "press 朗读", "dump n0.json", "press ‹ 返回", "dump n1.json"],
            audio="nosuchdriver")
        n0 = dumps["n0.json"]
        check("声音设备" in n0["read_aloud"].get("notice", "") and n0["read_aloud"]["state"] == "idle",
              f"no sound: the kiosk says so: {n0['read_aloud']}")
        check(any("声音设备" in x for x in labels(n0)), "no sound: the notice is on screen")
        check(dumps["n1.json"]["screen"] == "list", f"no sound: the kiosk carries on: {dumps['n1.json']['screen']}")
        check(err.count("no sound device") == 1, "no sound: logged once")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{checks} checks, {len(failures)} failed; screenshots in {SHOTS}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
