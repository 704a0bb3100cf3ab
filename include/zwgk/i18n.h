/* i18n.h — messages for people, through gettext.
 *
 * Everything a staffer or an admin reads from zwgk-admin, and every admin-facing text of the kiosk, is written in the
 * source as an English msgid wrapped in _() (or N_() where a table of strings is translated later, at use), and
 * translated by the zh_CN catalog, built from the fragments in po/zh_CN/ (one per module, so parallel work never edits
 * the same file) into LOCALEDIR/zh_CN/LC_MESSAGES/zwgk.mo.  On a Chinese system (LANG/LC_ALL/LC_MESSAGES = zh_*) people
 * read Chinese; with LANG=C or en_* they read English.  Citizen-facing kiosk text is Chinese in the source and is not
 * translated: the kiosk serves Chinese citizens whatever the machine's locale.
 *
 * tests/i18n_catalog.sh fails when a msgid in the source has no zh_CN translation, when one is fuzzy, or when a
 * translation's printf directives do not match its msgid (msgfmt -c). */
#ifndef ZWGK_I18N_H
#define ZWGK_I18N_H

#include <libintl.h>

#define ZWGK_TEXTDOMAIN "zwgk"

/* Translates s in the project's domain (dgettext: works from any library, whatever textdomain() the program set). */
#define _(s) dgettext(ZWGK_TEXTDOMAIN, s)
/* Marks s for extraction only; translate it where it is used with _(). */
#define N_(s) (s)

/* Sets LC_MESSAGES from the environment and binds the domain, once, at program start (before any other thread).
 * The catalog is looked up in $ZWGK_LOCALEDIR when set, else in a "locale" folder beside the executable (the build
 * tree), else in the installed LOCALEDIR.  When the environment asks for Chinese but that locale is not generated on
 * this machine (Debian generates none by default), Chinese is still chosen through C.UTF-8 and LANGUAGE: a staffer
 * never gets English because of a missing locale-gen.  Only LC_MESSAGES changes: number formatting and character
 * classes stay those of the C locale, which the parsers rely on. */
void zwgk_i18n_init(void);

/* True when messages are being translated to Chinese (for the rare output that is composed differently). */
int zwgk_i18n_chinese(void);

#endif
