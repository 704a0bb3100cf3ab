/* owner.c — zwgk-admin run with sudo works as the kiosk's data directory's owner (issue 12.8).
 *
 * The kiosk runs as the unprivileged user zwgk and owns /var/lib/zwgk-kiosk.  A county admin on site naturally
 * types `sudo zwgk-admin install … --data /var/lib/zwgk-kiosk`; run as root, that used to leave local.db, its -wal
 * and -shm, install.lock and the new content file owned by root, and from then on the kiosk could install nothing
 * (and, with a root-owned -shm, not even open local.db for writing).  Fixing ownership afterwards would miss files
 * SQLite makes and removes on its own, so instead the command becomes the owner before it touches anything: every
 * file is then made by the user who will use it.  Root keeps root only for a data directory root owns. */
#include "admin.h"
#include "zwgk/i18n.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int admin_become_owner(const char *data_dir, const char *command)
{
    if (geteuid() != 0)
        return 0;
    struct stat st;
    char parent[4096];
    if (stat(data_dir, &st) != 0) { /* not made yet: it will belong to whoever owns the folder it goes in */
        snprintf(parent, sizeof parent, "%s", data_dir);
        char *slash = strrchr(parent, '/');
        if (slash == parent)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
        else
            snprintf(parent, sizeof parent, ".");
        if (stat(parent, &st) != 0)
            return 0;
    }
    if (st.st_uid == 0)
        return 0;
    struct passwd *pw = getpwuid(st.st_uid);
    gid_t gid = pw ? pw->pw_gid : st.st_gid;
    if ((pw ? initgroups(pw->pw_name, gid) : setgroups(0, NULL)) != 0 || setgid(gid) != 0 || setuid(st.st_uid) != 0 ||
        setuid(0) == 0) { /* the last one must fail: root is really gone */
        fprintf(stderr,
                _("zwgk-admin %s: cannot act as %s, the owner of %s: %s; refusing to leave root-owned files "
                  "there (run it as that user)\n"),
                command, pw ? pw->pw_name : _("the owner"), data_dir, strerror(errno));
        return -1;
    }
    fprintf(stderr, _("zwgk-admin %s: working as %s (uid %ld), the owner of %s, so that the kiosk can keep using it\n"),
            command, pw ? pw->pw_name : _("the owner"), (long)st.st_uid, data_dir);
    return 1;
}
