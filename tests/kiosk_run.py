"""kiosk_run.py — what the Python end-to-end tests share: where the build is, the count of checks, and running the
kiosk headless on a --script.

Import it after putting this folder on sys.path from the test's own location, so that it works from any working
directory (ctest runs the tests with ZWGK_BUILD and ZWGK_SRC set; see tests/CMakeLists.txt):

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))   # tests/import/: os.path.dirname twice
    import kiosk_run as kr

Every test counts its checks here (kr.check, kr.passed, kr.failed), so a test that imports another test's helpers
(kiosk_search uses kiosk_e2e's run) counts into the same total.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("ZWGK_SRC", os.path.dirname(HERE))
BUILD = os.environ.get("ZWGK_BUILD", os.path.join(SRC, "build"))
KIOSK = os.path.join(BUILD, "zwgk-kiosk")
ADMIN = os.path.join(BUILD, "zwgk-admin")
DB = os.path.join(BUILD, "demo.db")
SHOTS = os.path.join(BUILD, "screens")  # screenshots; ZWGK_UPDATE_DOCS=1 copies some to docs/screenshots/
DOCS_SHOTS = os.path.join(SRC, "docs", "screenshots")

passed = failed = 0


def check(cond, what):
    """Counts one check; a failed one is printed to stderr.  Returns cond."""
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)
    return cond


def summary(name):
    """Prints the test's summary line and returns its exit code."""
    print(f"{name}: {passed} passed, {failed} failed")
    return 1 if failed else 0


def workdir(prefix):
    """A fresh temporary folder for a test's files; makes SHOTS too."""
    os.makedirs(SHOTS, exist_ok=True)
    return tempfile.mkdtemp(prefix=prefix)


def kiosk_env(base=None, **extra):
    """The environment of a headless kiosk: SDL's offscreen video, software renderer (no llvmpipe GL behind the
    offscreen window), dummy audio; extra overrides.  The locale is zh_CN: admin mode's texts (the PIN pad, the admin
    screen, the update overlay) follow it (zwgk/i18n.h), and the tests read them in Chinese, whatever the caller's."""
    env = dict(os.environ if base is None else base, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software",
               SDL_AUDIODRIVER="dummy", SDL_FRAMEBUFFER_ACCELERATION="0", LANG="zh_CN.UTF-8", LC_ALL="", LANGUAGE="")
    env.update(extra)
    return env


def write_script(lines, work, name):
    """Writes the script work/NAME.txt; `dump D` becomes work/NAME-D.json and `shot S` SHOTS/S.png.
    Returns (script path, [(D, dump path), ...])."""
    out, dumps = [], []
    for line in lines:
        if line.startswith("dump "):
            path = os.path.join(work, f"{name}-{line[5:]}.json")
            dumps.append((line[5:], path))
            out.append("dump " + path)
        elif line.startswith("shot "):
            out.append("shot " + os.path.join(SHOTS, line[5:] + ".png"))
        else:
            out.append(line)
    script = os.path.join(work, name + ".txt")
    with open(script, "w", encoding="utf-8", errors="surrogateescape") as f:  # "\udcff" writes the byte 0xFF
        f.write("\n".join(out) + "\n")
    return script, dumps


def run_kiosk(lines, name, work, args=(), env=None, timeout=240):
    """Runs the kiosk on the demo content and a script of lines (see write_script).
    Returns (the CompletedProcess, [(dump name, path), ...])."""
    script, dumps = write_script(lines, work, name)
    p = subprocess.run([KIOSK, "--content", DB, *args, "--script", script], env=kiosk_env() if env is None else env,
                       capture_output=True, text=True, timeout=timeout)
    return p, dumps


def read_dumps(dumps):
    """{dump name: parsed JSON} of the dumps that were written."""
    res = {}
    for key, path in dumps:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                res[key] = json.load(f)
    return res
