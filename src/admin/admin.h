/* admin.h — the sub-commands of zwgk-admin (one file each). */
#ifndef ZWGK_ADMIN_H
#define ZWGK_ADMIN_H

#include <stdio.h>

typedef struct admin_command {
    const char *name, *synopsis, *summary;
    int (*run)(int argc, char **argv); /* argv: the arguments after the command name */
} admin_command_t;

int admin_build(int argc, char **argv);
int admin_check(int argc, char **argv);
int admin_info(int argc, char **argv);
int admin_search(int argc, char **argv);
int admin_preview(int argc, char **argv);
int admin_review(int argc, char **argv); /* cmd_review.c */
void admin_review_print_options(FILE *f, const char *command);
int admin_pin(int argc, char **argv);
int admin_keygen(int argc, char **argv);  /* cmd_keys.c */
int admin_sign(int argc, char **argv);    /* cmd_keys.c */
int admin_verify(int argc, char **argv);  /* cmd_package.c */
int admin_install(int argc, char **argv); /* cmd_package.c */
int admin_rollback(int argc, char **argv);
int admin_status(int argc, char **argv);
int admin_stats(int argc, char **argv);  /* cmd_stats.c */
int admin_import(int argc, char **argv); /* cmd_import.c */
void admin_import_print_options(FILE *f);
int admin_print(int argc, char **argv); /* cmd_print.c */
void admin_print_print_options(FILE *f, const char *command);
/* The options of keygen, sign, verify, install, rollback, status and stats (cmd_package.c). */
void admin_package_print_options(FILE *f, const char *command);

/* Run as root on a data directory another user owns (sudo), becomes that user before anything is opened, so every
 * file made is the kiosk's (owner.c).  0: nothing to do; 1: now running as the owner; -1: could not (message
 * printed; the caller stops). */
int admin_become_owner(const char *data_dir, const char *command);

/* Prints the options of a command after its synopsis (for --help). */
void admin_print_options(FILE *f, const char *command);

#endif
