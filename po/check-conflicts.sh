#!/bin/sh
# check-conflicts.sh OUT.po FRAGMENT.po... — fails when one msgid is translated two different ways in two fragments.
# The build merges the fragments with `msgcat --use-first`, which would silently keep the first translation and hide
# the other; msgcat without it marks such an entry fuzzy, with both translations, and that is what this looks for.
# A msgid translated the same way in several fragments is fine.  OUT.po gets the entries found in more than one
# fragment (for reading when this fails).
set -u
out=$1
shift
msgcat --more-than=1 -o "$out" "$@" || exit 1
[ -f "$out" ] || exit 0 # no msgid is in two fragments
if msgattrib --only-fuzzy --no-obsolete "$out" | grep -q '^#, fuzzy'; then
    echo "po/zh_CN: a msgid is translated differently in two fragments (make the translations the same):" >&2
    msgattrib --only-fuzzy --no-obsolete "$out" | sed -n '/^#, fuzzy/,/^$/p' >&2
    exit 1
fi
exit 0
