#!/usr/bin/env bash
# kiosk_admin_locale.sh — issue 9 §5 "Chinese first" for the kiosk: admin mode (the PIN pad, the admin screen, the
# overlay of its slow actions) is Chinese on a Chinese system and English under LANG=C, through gettext and the zh_CN
# catalog (zwgk/i18n.h); what citizens read stays Chinese whatever the locale.  Driven with --script and read with
# `dump` (the --ui-dump format) at a portrait and a landscape size, each language:
#   - under LANG=zh_CN.UTF-8 every admin text is the catalog's Chinese and none is an English msgid;
#   - under LANG=C every admin text is its English msgid and no Chinese translation of one is on screen, while the
#     citizen's chrome it shares (‹ 返回, 首页, the pager) stays Chinese;
#   - in both, nothing overflows: every button's label fits its button, every element is on screen, and the overlay's
#     texts are inside its box (English is longer than Chinese).
# The expected texts are read from po/zh_CN/ui_screen_admin.po, ui_updater.po, local_local_export.po and package.po
# (the install history's reasons), so a msgid
# left untranslated (the kiosk would show English under zh_CN) or a literal that bypasses gettext (Chinese under C)
# fails here.
set -uo pipefail
: "${ZWGK_BUILD:?}" "${ZWGK_SRC:?}"
admin="$ZWGK_BUILD/zwgk-admin" kiosk="$ZWGK_BUILD/zwgk-kiosk"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# A kiosk as deployed: installed, signed content, a PIN, a trusted key and one key line with a typo.
"$admin" keygen -p "$tmp/k.pub" -s "$tmp/k.key" >/dev/null 2>&1 || fail keygen
cp "$ZWGK_BUILD/demo.db" "$tmp/p.db"
"$admin" sign "$tmp/p.db" --key "$tmp/k.key" >/dev/null 2>&1 &&
    "$admin" install "$tmp/p.db" --data "$tmp/data" --trust "$tmp/k.pub" >/dev/null 2>&1 || fail "install"
"$admin" pin --data "$tmp/data" --pin 20241101 >/dev/null 2>&1 || fail "zwgk-admin pin"
# A refusal in the install history, recorded by an English zwgk-admin: local.db keeps the reason's code, and admin
# mode shows it in the reader's language (package_reason_text), whatever language wrote it.
cp "$ZWGK_BUILD/demo.db" "$tmp/unsigned.db"
LANG=C LC_ALL= LANGUAGE= "$admin" install "$tmp/unsigned.db" --data "$tmp/data" --trust "$tmp/k.pub" >/dev/null 2>&1 &&
    fail "an unsigned package was installed"
printf 'kiosk_id = xf-zwgk-01\npublisher_id = xinfeng-demo\ntrusted_key = %s\ntrusted_key = RWQnotakey\n' \
    "$(tail -n 1 "$tmp/k.pub")" >"$tmp/kiosk.conf"
# The export fails, and says why in the overlay: in portrait no stick is in (updater.c's message), in landscape the
# stick in the mounts table has gone (local_export.c's).
: >"$tmp/mounts-1080x1920"
printf '/dev/sdz1 /run/media/zwgk-gone-%s/STICK vfat rw,nosuid,nodev 0 0\n' "$$" >"$tmp/mounts-1920x1080"

# run LANG SIZE CONFIRM EXPORT OK: the PIN pad (a wrong PIN first), the export's overlay (no stick), then admin mode
# again, page by page; dumps and screenshots TAG-*.json, TAG-*.png
run() {
    local lang=$1 size=$2 confirm=$3 export=$4 close=$5 tag="$1-$2"
    {
        for _ in 1 2 3 4 5; do echo "tap 40 40"; done
        echo "dump $tmp/$tag-pin.json"
        for c in 1 1 1 1; do echo "press $c"; done
        echo "press $confirm"
        echo "dump $tmp/$tag-wrong.json"
        echo "shot $tmp/$tag-pin.png"
        for c in 2 0 2 4 1 1 0 1; do echo "press $c"; done
        echo "press $confirm"
        echo "seek $export"
        echo "await 20000"
        echo "dump $tmp/$tag-export.json"
        echo "shot $tmp/$tag-export.png"
        echo "press $close"
        echo "press ‹ 返回"
        for _ in 1 2 3 4 5; do echo "tap 40 40"; done
        for c in 2 0 2 4 1 1 0 1; do echo "press $c"; done
        echo "press $confirm"
        for i in 0 1 2 3 4 5; do
            echo "dump $tmp/$tag-admin$i.json"
            echo "shot $tmp/$tag-admin$i.png"
            echo "seek 下一页"
        done
    } >"$tmp/$tag.script"
    SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 ZWGK_MOUNTS="$tmp/mounts-$size" \
        LANG=$lang LC_ALL= LANGUAGE= "$kiosk" --content "$ZWGK_BUILD/demo.db" --data "$tmp/data" \
        --config "$tmp/kiosk.conf" --windowed "$size" --script "$tmp/$tag.script" >"$tmp/$tag.log" 2>&1 ||
        fail "$tag: the kiosk script failed: $(tail -n 5 "$tmp/$tag.log")"
}
for size in 1080x1920 1920x1080; do
    run zh_CN.UTF-8 "$size" 确认 导出统计到U盘 知道了
    run C "$size" Confirm "Export statistics to the USB stick" OK
done

python3 - "$tmp" "$ZWGK_SRC/po/zh_CN" <<'EOF' && ok || fail "the admin screens' language and layout (above)"
import glob, os, re, sys
sys.path.insert(0, os.path.join(os.environ["ZWGK_SRC"], "tests"))
import uidump

tmp, po = sys.argv[1], sys.argv[2]
bad = 0


def check(cond, what):
    global bad
    if not cond:
        bad += 1
        print("FAIL:", what, file=sys.stderr)


def catalog(path):
    """The msgid → msgstr pairs of a .po fragment (header left out)."""
    pairs, cur, key = [], {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r'^(msgid|msgstr) "(.*)"$', line)
        if m:
            key = m.group(1)
            cur[key] = m.group(2)
        elif line.startswith('"') and key:
            cur[key] += line.strip()[1:-1]
        if key == "msgstr" and not line.strip():
            pairs.append(cur)
            cur, key = {}, None
    if cur.get("msgstr") is not None:
        pairs.append(cur)
    return [(p["msgid"].replace("\\n", "\n"), p["msgstr"].replace("\\n", "\n")) for p in pairs if p.get("msgid")]


pairs = [p for f in ("ui_screen_admin.po", "ui_updater.po", "local_local_export.po", "package.po")
         for p in catalog(os.path.join(po, f))]
check(len(pairs) > 70, f"the kiosk's admin catalog holds {len(pairs)} messages")


def pieces(s):
    """The literal parts of a message (between its printf directives), long enough to recognise on screen."""
    return [p for p in re.split(r"%[-+ #0-9.]*(?:ll|l|z)?[a-z]|\n", s) if len(p.strip(" ：:。.，,（）()…")) >= 4]


# Whole messages without directives must be on screen exactly; every literal piece must not be in the other language.
def labels(d):
    return [e["label"] for e in d["elements"]]


def load(name):
    try:
        return uidump.load(os.path.join(tmp, name))
    except (OSError, ValueError) as e:
        check(False, f"{name}: {e}")
        return {"screen": "none", "elements": [], "width": 1, "height": 1}


def layout(d, where):
    """Nothing over an edge: buttons hold their labels, elements stay on screen, the overlay holds its texts."""
    w, h = d.get("width", 0), d.get("height", 0)
    box = next((i for i, e in enumerate(d["elements"]) if e["role"] == "dialog"), None)
    for i, e in enumerate(d["elements"]):
        if e.get("cut"):
            continue  # partly behind a scrolling view's edge: shown whole on another page
        check(e["x"] >= 0 and e["y"] >= 0 and e["x"] + e["w"] <= w and e["y"] + e["h"] <= h,
              f"{where}: off screen ({w}x{h}): {e}")
        if "text_w" in e:  # with half an em to spare: a label that touches its button's edge looks cut
            check(e["text_w"] + e.get("px", 0) // 2 <= e["w"], f"{where}: the label does not fit its button: {e}")
        if box is not None and i > box:  # drawn after the overlay's box: its texts (the screen below is modal)
            b = d["elements"][box]
            check(b["x"] <= e["x"] and e["x"] + e["w"] <= b["x"] + b["w"] and
                  b["y"] <= e["y"] and e["y"] + e["h"] <= b["y"] + b["h"], f"{where}: outside the overlay: {e}")


# Texts that are only English or only Chinese in the other language's run would be a leak.
zh_pieces = {p for _, s in pairs for p in pieces(s)}
en_pieces = {p for i, _ in pairs for p in pieces(i) if re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", p)}
cjk = re.compile(r"[\u4e00-\u9fff]")
for size in ("1080x1920", "1920x1080"):
    for lang in ("zh_CN.UTF-8", "C"):
        tag = f"{lang}-{size}"
        zh = lang != "C"
        pin, wrong = load(f"{tag}-pin.json"), load(f"{tag}-wrong.json")
        pages = [d for d in (load(f)
                             for f in sorted(glob.glob(os.path.join(tmp, f"{tag}-admin*.json")))) if d["elements"]]
        export = load(f"{tag}-export.json")
        check(pin["screen"] == "admin_pin", f"{tag}: five corner taps open the PIN pad ({pin['screen']})")
        check(pages and all(d["screen"] == "admin" for d in pages), f"{tag}: the PIN opens admin mode")
        everything = [pin, wrong] + pages + [export]
        shown = "\n".join(l for d in everything for l in labels(d))
        flat = shown.replace("\n", "")  # Chinese lines join with nothing between them, English ones with a space
        spaced = " ".join(l.strip() for l in shown.split("\n"))
        want = {
            True: ["管理模式", "请输入管理密码", "删除", "确认", "密码不对，还可以再试4次。", "本机状态", "终端编号",
                   "内容版本", "发布单位", "内容文件", "信任的签名公钥", "有误的签名公钥", "配置文件第 4 行的第 2 个",
                   "安装记录", "内容包缺少签名文件（.db.minisig）", "好差评（累计）", "不满意的原因", "内容看不懂 0", "操作", "从U盘安装更新包",
                   "重新安装当前版本（U盘）", "回退到上一版本", "导出统计到U盘", "无操作返回首页：", "屏幕旋转：",
                   "退出到桌面", "统计没有导出", "知道了",
                   {"1080x1920": "没有找到U盘：请插入U盘，等几秒钟后再试。",
                    "1920x1080": "U盘已经拔出或无法读取。请重新插入U盘后再试。"}[size]],
            False: ["Admin mode", "Enter the admin PIN", "Delete", "Confirm", "Wrong PIN. Tries left: 4.",
                    "This kiosk", "Kiosk ID", "Content version", "Publisher", "Content file", "Trusted signing key",
                    "Bad signing key", "Line 4 of the configuration file: trusted_key no. 2", "Install history",
                    "The package has no signature file (.db.minisig)",
                    "Ratings (all time)", "Reasons for dissatisfaction", "hard to understand 0", "Actions",
                    "Install an update from the USB stick", "Reinstall the current version (USB stick)",
                    "Roll back to the previous version", "Export statistics to the USB stick",
                    "Back to home when idle: ", "Rotation: ", "Exit to the desktop", "Statistics not exported", "OK",
                    {"1080x1920": "No USB stick found: insert one, wait a few seconds and try again.",
                     "1920x1080": "The USB stick was removed or cannot be read: insert it again and try again."}[size]],
        }[zh]
        for w_ in want:
            check(w_ in (flat if zh else spaced), f"{tag}: {w_!r} is not on screen")
        leaked = sorted(p for p in (en_pieces if zh else zh_pieces) if p in (spaced if zh else flat))
        check(not leaked, f"{tag}: the other language's admin texts are on screen: {leaked[:6]}")
        # The citizen's chrome is Chinese whatever the locale (the kiosk's citizens read Chinese).
        check("‹ 返回" in labels(pages[0]) if pages else False, f"{tag}: the back button is not 「‹ 返回」")
        if not zh:
            texts = [l for d in [pin, wrong] for l in labels(d) if cjk.search(l)]
            allowed = ("‹ 返回", "首页")  # the citizen chrome; the PIN pad's sentences for citizens are not shown here
            check(all(any(a in t for a in allowed) for t in texts), f"{tag}: Chinese on the PIN pad: {texts}")
        for i, d in enumerate(everything):
            layout(d, f"{tag} dump {i} ({d['screen']})")
        check(any(e["role"] == "dialog" for e in export["elements"]), f"{tag}: the export shows no overlay")
sys.exit(1 if bad else 0)
EOF
# For the lead and the README: the screenshots, when asked for (ZWGK_SHOTS=DIR).
if [ -n "${ZWGK_SHOTS:-}" ]; then mkdir -p "$ZWGK_SHOTS" && cp "$tmp"/*.png "$ZWGK_SHOTS"/; fi
echo "kiosk_admin_locale: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
