#!/usr/bin/env python3
"""module_boundaries.py — the module boundaries of the top of CMakeLists.txt, checked.

Three descriptions of the same graph must agree: the README's module table ("uses" column), the zwgk_module() and
zwgk_program() declarations (written by CMake to BUILD/module_graph.txt), and what each source file includes.  Then
the kiosk binary must link none of the authoring libraries.  Every disagreement is printed; any makes the test fail.

usage: module_boundaries.py BUILD SRC
"""
import os
import re
import subprocess
import sys

build, src = sys.argv[1], sys.argv[2]
problems = []

# System headers and the README name of the library they belong to.
LIB_HEADERS = {
    "sqlite3.h": "sqlite3",
    "sodium.h": "libsodium",
    "linebreak.h": "libunibreak",
    "linebreakdef.h": "libunibreak",
    "csv.h": "libcsv",
    "yaml.h": "libyaml",
    "md4c.h": "md4c",
    "ft2build.h": "FreeType",
    "SDL.h": "SDL2",
    "SDL_ttf.h": "SDL2_ttf",
    "SDL_image.h": "SDL2_image",
    "png.h": "libpng",
    "zlib.h": "zlib",
    "qrencode.h": "libqrencode",
    "speak_lib.h": "libespeak-ng",
    "cairo.h": "cairo",
    "cairo-ft.h": "cairo",
    "cairo-pdf.h": "cairo",
    "fontconfig.h": "fontconfig",
    "cups.h": "libcups",
}
# The kiosk shows content; it never reads source files.  Sonames of the authoring-only libraries (issue 12 §2).
# FreeType is one: the author module asks it for every character; the kiosk draws with SDL2_ttf and prints through
# cairo-ft (which link FreeType themselves), and the print module names its font to cairo with fontconfig.
AUTHORING_SONAMES = ("libmd4c", "libyaml", "libcsv", "libfreetype")


def readme_table():
    """{module: set of uses} from the README's module table; a parenthesised remark (build-time, glibc) is not linked."""
    rows = {}
    in_table = False
    for line in open(os.path.join(src, "README.md"), encoding="utf-8"):
        if line.startswith("| module | job | uses |"):
            in_table = True
            continue
        if in_table:
            if not line.startswith("|"):
                break
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if set(cells[0]) <= set("-: "):
                continue
            uses = set()
            for tok in cells[2].split(","):
                tok = tok.strip()
                if tok and "(" not in tok:
                    uses.add(tok)
            for name in re.findall(r"`([a-z0-9_]+)`", cells[0]):
                rows[name] = uses
    if not rows:
        problems.append("README.md: no '| module | job | uses |' table")
    return rows


def cmake_graph():
    """{folder: (kind, uses, headers)} from BUILD/module_graph.txt."""
    graph = {}
    for line in open(os.path.join(build, "module_graph.txt"), encoding="utf-8"):
        parts = line.split()
        if len(parts) < 3:
            continue
        fields = dict(p.split("=", 1) for p in parts[2:])
        graph[parts[1]] = (parts[0], set(filter(None, fields.get("uses", "").split(","))),
                           set(filter(None, fields.get("headers", "").split(","))))
    return graph


readme = readme_table()
graph = cmake_graph()
modules = {m for m, (kind, _, _) in graph.items() if kind == "module"}

# 1. README table = declarations, and every folder of src/ is declared.
for name in sorted(set(readme) | set(graph)):
    if name not in graph:
        problems.append(f"README.md: module `{name}` has no zwgk_module()/zwgk_program() in CMakeLists.txt")
    elif name not in readme:
        problems.append(f"CMakeLists.txt: `{name}` has no row in the README's module table")
    elif readme[name] != graph[name][1]:
        problems.append(f"`{name}`: README says it uses {sorted(readme[name])}, CMakeLists.txt {sorted(graph[name][1])}")
for entry in sorted(os.listdir(os.path.join(src, "src"))):
    if os.path.isdir(os.path.join(src, "src", entry)) and entry not in graph:
        problems.append(f"src/{entry}/: a folder that is no module (declare it with zwgk_module in CMakeLists.txt)")

# 2. Every public header has one owner.
owner = {}
for name in modules:
    for h in graph[name][2]:
        if h in owner:
            problems.append(f"include/zwgk/{h}: listed in HEADERS of both {owner[h]} and {name}")
        owner[h] = name
for h in sorted(os.listdir(os.path.join(src, "include", "zwgk"))):
    if h.endswith(".h") and h not in owner:
        problems.append(f"include/zwgk/{h}: no module lists it in HEADERS (CMakeLists.txt)")
for h in sorted(owner):
    if not os.path.exists(os.path.join(src, "include", "zwgk", h)):
        problems.append(f"CMakeLists.txt: HEADERS lists {h}, which is not in include/zwgk/")

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')


def check_file(path, module):
    """Each include of path (a file of module) is its own folder's, or a public header / library the module uses."""
    uses = graph[module][1] if module in graph else set()
    rel = os.path.relpath(path, src)
    here = os.path.dirname(path)
    for lineno, line in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        kind, name = m.groups()
        where = f"{rel}:{lineno}: #include {kind}{name}{'>' if kind == '<' else kind}"
        if kind == '"':
            if name.startswith("zwgk/"):
                o = owner.get(name[5:])
                if o is None:
                    problems.append(f"{where}: no module owns this header")
                elif o != module and o not in uses:
                    problems.append(f"{where}: {module} does not use {o} (README table)")
            elif ".." in name.split("/"):
                problems.append(f"{where}: reaches outside its folder")
            elif not os.path.exists(os.path.join(here, name)) and not os.path.exists(
                    os.path.join(src, "src", module, name)):
                problems.append(f"{where}: not a header of src/{module}/ (another module's private header?)")
        else:
            lib = (LIB_HEADERS.get(os.path.basename(name))
                   if "/" not in name or name.startswith(("SDL2/", "espeak-ng/", "cups/", "fontconfig/")) else None)
            if lib and lib not in uses:
                problems.append(f"{where}: {module} does not use {lib} (README table)")


# 3. Sources of each module and program, and each public header as part of its owner.
for name in sorted(graph):
    top = os.path.join(src, "src", name)
    for dirpath, _, files in os.walk(top):
        if dirpath != top:
            continue  # src/text/gen is a host tool of its own, not part of the library
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                check_file(os.path.join(dirpath, f), name)
for h, o in sorted(owner.items()):
    path = os.path.join(src, "include", "zwgk", h)
    if os.path.exists(path):
        check_file(path, o)

# 4. The kiosk links no authoring library, and none of the author module's code.
exe = os.path.join(build, "zwgk-kiosk")
needed = subprocess.run(["readelf", "-d", exe], capture_output=True, text=True, check=True).stdout
sonames = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", needed)
if not sonames:
    problems.append(f"readelf -d {exe}: no NEEDED entries read")
for so in sonames:
    if so.startswith(AUTHORING_SONAMES):
        problems.append(f"zwgk-kiosk links {so}: the kiosk must not link an authoring library")
symbols = subprocess.run(["nm", "--defined-only", exe], capture_output=True, text=True, check=True).stdout
author_syms = sorted(set(re.findall(r"\s(author_\w+)$", symbols, re.M)))
if author_syms:
    problems.append(f"zwgk-kiosk contains code of the author module: {', '.join(author_syms[:5])}")
# The check itself works: the admin tool does link them.
admin = subprocess.run(["readelf", "-d", os.path.join(build, "zwgk-admin")], capture_output=True, text=True,
                       check=True).stdout
for so in AUTHORING_SONAMES:
    if so not in admin:
        problems.append(f"zwgk-admin does not link {so}: is the soname list of this test out of date?")

for p in problems:
    print(p)
print(f"module_boundaries: {len(graph)} modules and programs, {len(owner)} public headers, "
      f"kiosk links {len(sonames)} libraries: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
