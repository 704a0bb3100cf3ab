/* qemu_icount.c — guest instructions executed, counted from qemu-user's own log (bench/arm64_icount.sh, issue 13).
 *
 * Debian 12's qemu-user-static has no TCG plugins (no libinsn.so), and valgrind's arm64 build miscounts under qemu,
 * so the count is taken from what qemu itself logs with `-d in_asm,exec,nochain`:
 *   in_asm  once per translated block (TB): "IN: [symbol]", then one line per guest instruction, "0xADDR:  bytes insn",
 *           then a blank line;
 *   exec    before every execution of a TB: "Trace CPU: HOSTPTR [CSBASE/PC/FLAGS/CFLAGS] [symbol]";
 *   nochain TBs are not chained to each other, so every execution goes through the loop that logs it.
 * Instructions executed = the sum, over the Trace lines, of the number of instructions of the TB at that PC, taken
 * from the latest translation of that PC seen so far (the log is in order: a TB is translated before it runs, and a
 * retranslation after a flush or an munmap replaces the old one).  An x86 instruction longer than the disassembler's
 * row (8 bytes) continues on further "0xADDR:" lines that hold bytes only; those are not instructions.  A rep-prefixed
 * string instruction ends its TB and jumps to itself, so each iteration is one execution, which is what callgrind
 * counts too.  Blocks left early by an exception in the middle would be over-counted; in user mode that is a fault,
 * which ends these runs anyway.
 *
 * The log is read as a stream (qemu writes it into a pipe: gigabytes are never stored).  Prints one JSON object:
 * instructions, TB executions, translations read, and Trace lines whose PC no translation had announced ("unknown",
 * counted as one instruction each; should be 0 — more means the log was not what this parser expects).
 * Exit 0, or 1 when the log cannot be read or held no Trace line at all.
 * Usage: qemu_icount [LOG]   (standard input without LOG: { qemu-… -d in_asm,exec,nochain -D /dev/fd/3 PROG; } 3>&1 |
 * qemu_icount) */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PC → instructions of its latest translation: open addressing, linear probing, grown at half full. */
typedef struct {
    uint64_t *pc;
    uint32_t *n;
    size_t cap, used;
} tb_map_t;

static size_t tb_slot(const tb_map_t *m, uint64_t pc)
{
    size_t i = (size_t)((pc * 0x9E3779B97F4A7C15ull) >> 20) & (m->cap - 1);
    while (m->n[i] && m->pc[i] != pc)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static bool tb_map_grow(tb_map_t *m)
{
    tb_map_t g = {calloc(m->cap * 2, sizeof *g.pc), calloc(m->cap * 2, sizeof *g.n), m->cap * 2, m->used};
    if (!g.pc || !g.n) {
        free(g.pc);
        free(g.n);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->n[i]) {
            size_t j = tb_slot(&g, m->pc[i]);
            g.pc[j] = m->pc[i];
            g.n[j] = m->n[i];
        }
    free(m->pc);
    free(m->n);
    *m = g;
    return true;
}

static bool tb_map_put(tb_map_t *m, uint64_t pc, uint32_t n)
{
    if ((m->used + 1) * 2 > m->cap && !tb_map_grow(m))
        return false;
    size_t i = tb_slot(m, pc);
    if (!m->n[i])
        m->used++;
    m->pc[i] = pc;
    m->n[i] = n;
    return true;
}

static uint32_t tb_map_get(const tb_map_t *m, uint64_t pc)
{
    return m->n[tb_slot(m, pc)];
}

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* "0xADDR:  aa bb cc ..." with nothing but two-digit bytes after the colon continues the instruction above it. */
static bool is_continuation(const char *line)
{
    const char *p = strchr(line, ':');
    if (!p)
        return false;
    for (p++;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '\n')
            return true;
        if (!is_hex(p[0]) || !is_hex(p[1]) || (p[2] != ' ' && p[2] != '\t' && p[2] != '\n' && p[2] != '\0'))
            return false;
        p += 2;
    }
}

int main(int argc, char **argv)
{
    FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    tb_map_t map = {calloc(1u << 16, sizeof *map.pc), calloc(1u << 16, sizeof *map.n), 1u << 16, 0};
    if (!map.pc || !map.n) {
        fprintf(stderr, "qemu_icount: out of memory\n");
        return 1;
    }
    uint64_t insns = 0, execs = 0, translations = 0, unknown = 0, block_pc = 0;
    uint32_t block_n = 0;
    bool in_block = false;
    int rc = 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, in) > 0) {
        if (in_block && line[0] == '0' && line[1] == 'x') {
            if (block_n == 0)
                block_pc = strtoull(line + 2, NULL, 16);
            if (block_n == 0 || !is_continuation(line))
                block_n++;
            continue;
        }
        if (in_block) { /* a block ends at the first line that is not an instruction (a blank one, normally) */
            in_block = false;
            if (block_n) {
                translations++;
                if (!tb_map_put(&map, block_pc, block_n)) {
                    fprintf(stderr, "qemu_icount: out of memory\n");
                    rc = 1;
                    break;
                }
            }
        }
        if (line[0] == 'T' && !strncmp(line, "Trace ", 6)) {
            const char *p = strchr(line, '[');
            p = p ? strchr(p, '/') : NULL;
            if (!p)
                continue;
            uint32_t n = tb_map_get(&map, strtoull(p + 1, NULL, 16));
            execs++;
            if (!n) {
                unknown++;
                n = 1;
            }
            insns += n;
        } else if (line[0] == 'I' && !strncmp(line, "IN:", 3)) {
            in_block = true;
            block_n = 0;
        }
    }
    free(line);
    if (in != stdin)
        fclose(in);
    free(map.pc);
    free(map.n);
    printf("{\"instructions\": %llu, \"executions\": %llu, \"translations\": %llu, \"unknown\": %llu}\n",
           (unsigned long long)insns, (unsigned long long)execs, (unsigned long long)translations,
           (unsigned long long)unknown);
    if (!execs) {
        fprintf(stderr, "qemu_icount: no \"Trace\" line in the log (was qemu run with -d in_asm,exec,nochain?)\n");
        rc = 1;
    }
    return rc;
}
