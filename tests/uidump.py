"""uidump.py — reading the kiosk's --ui-dump / `dump` files the one way every test does.

The dump is the kiosk's promise about what it shows, so every test reads it through load(), which checks what must
hold for any dump before a test looks at it: the file is strict UTF-8 (no byte sequence a JSON reader would have
to guess at; bad bytes from content or a file name must arrive as U+FFFD), it is one JSON object with a screen name
and an element list, and every label is a string free of NUL and lone surrogates (issue 12 §1 item 16: a raw file
name once reached the overlay's label; a NUL inside a label is what memory from a neighbouring buffer looks like).

Used by kiosk_e2e.py, kiosk_pages.py, touch_soak.py (and hostile_content.py through it), kiosk_x11.sh,
kiosk_update.sh and frame_alloc.sh.
"""
import json


class DumpError(ValueError):
    pass


def check_label(label, where):
    if not isinstance(label, str):
        raise DumpError(f"{where}: label is not a string: {label!r}")
    for ch in label:
        o = ord(ch)
        if o == 0 or 0xD800 <= o <= 0xDFFF:
            raise DumpError(f"{where}: label holds U+{o:04X}: {label[:80]!r}")


def parse(raw, where="dump"):
    """Parses the bytes of a dump, checking UTF-8 and every label; raises DumpError (a ValueError) otherwise."""
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise DumpError(f"{where}: not UTF-8 at byte {e.start}: {raw[max(0, e.start - 40):e.start + 8]!r}")
    d = json.loads(text)
    if not isinstance(d, dict) or not isinstance(d.get("screen"), str) or not isinstance(d.get("elements"), list):
        raise DumpError(f"{where}: not a dump")
    check_label(d["screen"], where)
    for i, e in enumerate(d["elements"]):
        check_label(e.get("label"), f"{where}: element {i} ({e.get('role')})")
    return d


def load(path):
    with open(path, "rb") as f:
        return parse(f.read(), path)


if __name__ == "__main__":  # python3 uidump.py FILE [KEY]: checks FILE; prints the top-level KEY's value
    import sys

    try:
        dump = load(sys.argv[1])
    except (OSError, ValueError) as e:
        print(e, file=sys.stderr)
        sys.exit(1)
    if len(sys.argv) > 2:
        print(dump.get(sys.argv[2], ""))
