#!/usr/bin/env python3
"""stats_html.py — the county's report: `zwgk-admin stats EXPORT... --html DIR`, opened in headless Chromium.

Exports of three kiosks, three weeks each, are written in the kiosks' own format (local_stats_export:
"kiosk,exported,kind,key,count,last", cumulative counters), one with a search word that is an HTML injection and one
with a BOM and CRLF as Excel leaves them.  The report must be one file (DIR/index.html) that names nothing outside
itself (no src/href to anything), and in Chromium (--headless --dump-dom, --screenshot) every chart must render: seven
SVG charts with their bars, the rating colours and the bar colour present in the screenshot's pixels, the numbers in
the tables equal to the sums over the newest export of each kiosk, the weekly trend equal to the growth between
exports, and the injected word shown as text, never as markup.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kiosk_run as kr  # noqa: E402
from kiosk_run import ADMIN, DB, SHOTS, check  # noqa: E402

WORK = kr.workdir("zwgk-stats-html-")


def csv_field(v):
    v = str(v)
    if any(c in v for c in ',"\r\n') or v[:1] in "=+-@ ":
        v = '"' + v.replace('"', '""') + '"'
    return v


def export(path, kiosk, when, rows, excel=False):
    lines = ["kiosk,exported,kind,key,count,last"]
    for kind, key, count in rows:
        lines.append(",".join(csv_field(x) for x in (kiosk, when, kind, key, count, when)))
    nl = "\r\n" if excel else "\n"
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(("\ufeff" if excel else "") + nl.join(lines) + nl)


EVIL = '<img src=x onerror=alert(1)>'


def make_exports():
    files = []
    weeks = ["2024-11-01T09:00:00Z", "2024-11-08T09:00:00Z", "2024-11-15T09:00:00Z"]
    for k, kiosk in enumerate(["xinfeng-zwfwzx-01", "xinfeng-jiading-01", "xinfeng-anxi-01"]):
        for w, when in enumerate(weeks):
            g = w + 1  # cumulative: every export has grown
            rows = [("view_item", "社会救助/最低生活保障/办事指南", 10 * g + k),
                    ("view_item", "养老服务/高龄津贴/办事指南", 4 * g),
                    ("view_doc", "guide-dibao", 20 * g + k),
                    ("view_doc", "xf-dibao-policy", 7 * g),
                    ("view_doc", "guide-gaoling", 3 * g),
                    ("unmet_search", "残疾人补贴", 5 * g + k),
                    ("unmet_search", "公租房", 2 * g),
                    ("rating", "5:guide-dibao", 6 * g),
                    ("rating", "4:guide-dibao", 2 * g),
                    ("rating", "1:guide-gaoling", g),
                    ("rating", "2:", g),
                    ("rating", "5:", 3 * g),
                    ("rating_reason", "outdated:guide-gaoling", g),
                    ("rating_reason", "unclear:", g)]
            if k == 1:
                rows.append(("unmet_search", EVIL, 1))
            path = os.path.join(WORK, f"{kiosk}-stats-{when[:10]}.csv")
            export(path, kiosk, when, rows, excel=(k == 2))
            if k == 1:  # a damaged stick: a search word with a bad byte and a control character
                with open(path, "ab") as f:
                    f.write(f"{kiosk},{when},unmet_search,".encode() + b"\xe5\x9d\x8f\xff\x01\xe5\xad\x97" +
                            f",1,{when}\n".encode())
            files.append(path)
    return files


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) into (w, h, bytes per pixel, rows)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if typ == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6)
            bpp = 3 if ctype == 2 else 4
        elif typ == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def count_colour(img, rgb, tol=6):
    w, h, bpp, rows = img
    n = 0
    for row in rows:
        for x in range(0, w * bpp, bpp):
            if abs(row[x] - rgb[0]) <= tol and abs(row[x + 1] - rgb[1]) <= tol and abs(row[x + 2] - rgb[2]) <= tol:
                n += 1
    return n


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1"]


def main():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("stats_html: chromium is missing (bash .ci/setup.sh test installs it)")
        return 77
    files = make_exports()
    out = os.path.join(WORK, "report")
    p = subprocess.run([ADMIN, "stats", *files, "--html", out, "--content", DB], capture_output=True, text=True)
    check(p.returncode == 0, f"zwgk-admin stats --html ran: {p.stderr}")
    check(sorted(os.listdir(out)) == ["index.html"], f"the report is one file: {os.listdir(out)}")
    raw = open(os.path.join(out, "index.html"), "rb").read()
    try:
        html = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        check(False, f"the report is valid UTF-8 (a bad byte of an export reached it raw: {e})")
        html = raw.decode("utf-8", "replace")
    check("\x01" not in html, "no control character of an export reaches the page")
    check(not re.search(r'<[^>]*\b(src|href)\s*=', html), "the page names no file and no address outside itself")
    check("<script" not in html.lower(), "no script")
    check(EVIL not in html and "&lt;img src=x onerror=alert(1)&gt;" in html, "a search word is text, not markup")

    prof = os.path.join(WORK, "chromium-profile")
    common = CHROMIUM_FLAGS + [f"--user-data-dir={prof}"]
    url = "file://" + os.path.join(out, "index.html")
    dom = subprocess.run([chromium, *common, "--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
    check(dom.count("<svg") == 7, f"seven charts in the rendered DOM: {dom.count('<svg')}")
    check(dom.count("<rect") >= 40, f"the charts have their bars: {dom.count('<rect')}")
    check("<polyline" in dom, "the weekly trend is drawn as lines")
    # the trend's largest value is 138 (below): its value axis reads in round steps that reach past it
    axis = re.findall(r'class="val axis">(\d+)<', dom)
    check(axis == ["0", "50", "100", "150"], f"the trend's axis is 0, 50, 100, 150 (not quarters of 138): {axis}")
    check("最低生活保障审核确认" in dom, "documents are named by their titles (--content)")
    # newest exports (week 3, g = 3): guide-dibao views 60 + 61 + 62 = 183; 残疾人补贴 15 + 16 + 17 = 48
    check(re.search(r"最低生活保障审核确认</td><td class=\"num\">183<", dom), "document views summed over kiosks")
    check(re.search(r"残疾人补贴</td><td class=\"num\">48<", dom), "unmet searches summed over kiosks")
    # weekly growth: views per export = 10g+k + 4g + 20g+k + 7g + 3g = 44g + 2k; week 1 is the first export's total
    # (44 * 3 + 2 * 3 = 138), weeks 2 and 3 grow by 44 per kiosk = 132
    check(re.search(r"2024年第44周</td><td class=\"num\">138<", dom), "the first week: the first exports' totals")
    check(re.search(r"2024年第45周</td><td class=\"num\">132<", dom), "a later week: the growth between exports")
    check("好评率" in dom and "内容过时" in dom and "内容看不懂" in dom, "ratings with their reasons")

    shot = os.path.join(SHOTS, "stats-report.png")
    subprocess.run([chromium, *common, f"--screenshot={shot}", "--window-size=1360,2300", url],
                   capture_output=True, timeout=120)
    if check(os.path.exists(shot), "Chromium took a screenshot"):
        img = png_pixels(shot)
        check(count_colour(img, (0x1F, 0x4E, 0x8C)) > 5000, "blue bars are on the screen")
        check(count_colour(img, (0xA6, 0x1B, 0x1B)) > 2000, "the searches' red bars are on the screen")
        for name, rgb in (("非常满意", (0x1E, 0x6B, 0x34)), ("非常不满意", (0xB3, 0x26, 0x1E))):
            check(count_colour(img, rgb) > 300, f"the rating colour of {name} is on the screen")
        if os.environ.get("ZWGK_UPDATE_DOCS") == "1":
            shutil.copy(shot, os.path.join(kr.DOCS_SHOTS, "stats-report.png"))
    # without --content the page still works, naming documents by their ids
    out2 = os.path.join(WORK, "report-ids")
    p = subprocess.run([ADMIN, "stats", *files, "--html", out2], capture_output=True, text=True)
    check(p.returncode == 0 and "guide-dibao" in open(os.path.join(out2, "index.html"), encoding="utf-8").read(),
          "without --content documents are named by their ids")
    return kr.summary("stats_html")


if __name__ == "__main__":
    code = main()
    if code == 0:
        shutil.rmtree(WORK, ignore_errors=True)
    sys.exit(code)
