/* text_break.c — where a line of Chinese government text may break.
 *
 * Two layers.  The base is UAX #14 from libunibreak (language "zh"), called once per paragraph through the public
 * set_linebreaks_utf8(); it knows ideographs, spaces, hard breaks, numbers and most punctuation classes.  On top sit
 * the rules a county document needs and UAX #14 lacks or leaves to tailoring.  They only ever turn an ALLOW into NO,
 * never add a break, and never touch a MUST (a hard line break is the author's):
 *   1. 避头: no break before a no-line-start character (，。、）》”％ … and , . : ; ! ? ) ] } %).
 *   2. 避尾: no break after a no-line-end character (（《“〔 … and ( [ {), looking back across spaces, because a
 *      layout drops trailing spaces and the line would then end on the opening bracket.
 *   3. Latin words, numbers and URLs stay whole: no break between two printable ASCII characters.  UAX #14 alone
 *      would break https://a.b/c after each "/".  Spaces still separate words.
 *   4. A number keeps its unit and its 文号 shape: no break between ASCII digits and a following counter such as
 *      年月日号个项 (2024年, 15号, 3次), between 第 and a number, or between a closing 〔〕-style bracket and the
 *      number after it (〔2024〕15号).  With rule 3 and UAX #14's own OP×/×CL this keeps a 文号 body whole.
 *   5. A 文号 keeps its issuer code: when 〔dddd〕d+号 follows a short run (at most 6) of ideographs that starts
 *      after punctuation or at the paragraph start, as in （赣府厅字〔2024〕15号）, the run is glued to the 文号.
 *      A longer run is prose ("根据国务院办公厅国办发〔…"): where the code starts cannot be known, so only the body
 *      stays whole.
 *   6. A short parenthetical stays whole: nothing inside （演示）, （一）, 〔注〕 … of at most four code points.
 *   7. A short word standing between spaces stays whole: 已废止 in "政策文件 · 2024-07-12 · 已废止" (at most four code
 *      points, not all ASCII — those rule 3 keeps already).
 *   8. The separator dots · ・ ‧ never start a line and never end one; spaced (" · ", a field separator) the break
 *      after its spaces stays, and layout drops the separator there like a space.
 * Rules 5 and 6 are preferences: text_breaks_tiered (text_private.h) marks what only they forbid TEXT_BREAK_SOFT, so
 * text_set_paragraph may break there rather than leave a justified line looser than it allows; text_breaks reports
 * them as NO.  Otherwise there is no "loose" mode: the rules hold at every width, and a run that does not fit a line
 * is split by layout.c, not here.
 *
 * libunibreak must never see invalid UTF-8: version 1.1 stops early (leaving brks unwritten) on a truncated sequence
 * and asserts — aborting the kiosk — on U+FFFF, its end-of-string sentinel.  Rather than copy the paragraph into a
 * sanitized buffer (an allocation text_breaks cannot report failing), the paragraph is cut into maximal well-formed
 * segments without U+FFFF, each handed to libunibreak in place; the bad bytes between them act as U+FFFD, which may
 * break on either side.  Valid text, the normal case, is a single segment and a single call.
 *
 * Offsets: libunibreak's brks[i] describes the break *after* the code point ending at byte i (INSIDEACHAR within a
 * sequence, and always MUST after the last one); ours out[i] describes the position *before* byte i.  The segment's
 * result is shifted right by one in place, so no scratch buffer is needed either. */
#include "text_private.h"

#include <assert.h>
#include <linebreak.h>
#include <pthread.h>

/* The one global of the module: libunibreak's tables are initialised once, whichever thread lays out first. */
static pthread_once_t linebreak_once = PTHREAD_ONCE_INIT;

/* libunibreak 1.1's end-of-string sentinel (EOS in its linebreakdef.h); later versions use 0xFFFFFFFF. */
#define LINEBREAK_EOS_CP 0xFFFFu

/* Longest issuer code glued to a 文号 (rule 5): 赣市府办字 is five, 信丰县府办字 six. */
#define WENHAO_PREFIX_MAX 6

/* Longest bracketed or spaced word kept whole (rules 6 and 7): （演示）, “三审”, 现行有效. */
#define TEXT_KEEP_WHOLE_MAX 4

bool text_is_no_line_start(uint32_t cp)
{
    switch (cp) {
    case ',':
    case '.':
    case ':':
    case ';':
    case '!':
    case '?':
    case ')':
    case ']':
    case '}':
    case '%':
    case 0x00B7: /* · */
    case 0x2019: /* ’ */
    case 0x201D: /* ” */
    case 0x2030: /* ‰ */
    case 0x2103: /* ℃ */
    case 0x3001: /* 、 */
    case 0x3002: /* 。 */
    case 0x3009: /* 〉 */
    case 0x300B: /* 》 */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
    case 0x3011: /* 】 */
    case 0x3015: /* 〕 */
    case 0x3017: /* 〗 */
    case 0x3019: /* 〙 */
    case 0x301B: /* 〛 */
    case 0x301E: /* 〞 */
    case 0x2027: /* ‧ */
    case 0x30FB: /* ・ */
    case 0xFE50: /* ﹐ */
    case 0xFE51: /* ﹑ */
    case 0xFE52: /* ﹒ */
    case 0xFE54: /* ﹔ */
    case 0xFE55: /* ﹕ */
    case 0xFE56: /* ﹖ */
    case 0xFE57: /* ﹗ */
    case 0xFF01: /* ！ */
    case 0xFF05: /* ％ */
    case 0xFF09: /* ） */
    case 0xFF0C: /* ， */
    case 0xFF0E: /* ． */
    case 0xFF1A: /* ： */
    case 0xFF1B: /* ； */
    case 0xFF1F: /* ？ */
    case 0xFF3D: /* ］ */
    case 0xFF5D: /* ｝ */
    case 0xFF60: /* ｠ */
    case 0xFF61: /* ｡ */
    case 0xFF63: /* ｣ */
    case 0xFF64: /* ､ */
    case 0xFF65: /* ･ */
        return true;
    default:
        return false;
    }
}

bool text_is_no_line_end(uint32_t cp)
{
    switch (cp) {
    case '(':
    case '[':
    case '{':
    case 0x00B7: /* · a separator never ends a line (spaced, it is dropped at a break instead) */
    case 0x2018: /* ‘ */
    case 0x201C: /* “ */
    case 0x3008: /* 〈 */
    case 0x300A: /* 《 */
    case 0x300C: /* 「 */
    case 0x300E: /* 『 */
    case 0x3010: /* 【 */
    case 0x3014: /* 〔 */
    case 0x3016: /* 〖 */
    case 0x3018: /* 〘 */
    case 0x301A: /* 〚 */
    case 0x301D: /* 〝 */
    case 0xFF08: /* （ */
    case 0xFF3B: /* ［ */
    case 0xFF5B: /* ｛ */
    case 0xFF5F: /* ｟ */
    case 0xFF62: /* ｢ */
    case 0x2027: /* ‧ */
    case 0x30FB: /* ・ */
    case 0xFF65: /* ･ */
        return true;
    default:
        return false;
    }
}

bool text_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000u;
}

bool text_is_separator_dot(uint32_t cp)
{
    return cp == 0x00B7u || cp == 0x2027u || cp == 0x30FBu || cp == 0xFF65u;
}

static bool is_ascii_graph(uint32_t cp)
{
    return cp > 0x20u && cp < 0x7Fu;
}

static bool is_ascii_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static bool is_ideograph(uint32_t cp)
{
    return (cp >= 0x4E00u && cp <= 0x9FFFu) || (cp >= 0x3400u && cp <= 0x4DBFu) || (cp >= 0xF900u && cp <= 0xFAFFu) ||
           (cp >= 0x20000u && cp <= 0x3FFFFu);
}

/* Counters and units that read as one word with the number before them in these documents (rule 4). */
static bool is_counter(uint32_t cp)
{
    switch (cp) {
    case 0x5E74: /* 年 */
    case 0x6708: /* 月 */
    case 0x65E5: /* 日 */
    case 0x65F6: /* 时 */
    case 0x53F7: /* 号 */
    case 0x4E2A: /* 个 */
    case 0x9879: /* 项 */
    case 0x6761: /* 条 */
    case 0x6B3E: /* 款 */
    case 0x6B21: /* 次 */
    case 0x4EF6: /* 件 */
    case 0x4EFD: /* 份 */
    case 0x5BB6: /* 家 */
    case 0x540D: /* 名 */
    case 0x4F4D: /* 位 */
    case 0x4EBA: /* 人 */
    case 0x4E07: /* 万 */
    case 0x4EBF: /* 亿 */
    case 0x5143: /* 元 */
    case 0x5C81: /* 岁 */
    case 0x5C4A: /* 届 */
    case 0x671F: /* 期 */
    case 0x6279: /* 批 */
    case 0x5929: /* 天 */
    case 0x5468: /* 周 */
    case 0x500D: /* 倍 */
    case 0x7AE0: /* 章 */
    case 0x8282: /* 节 */
        return true;
    default:
        return false;
    }
}

/* Closing brackets a 文号's year sits in: 〔〕 by GB/T 9704, and the look-alikes people type instead. */
static uint32_t wenhao_close_for(uint32_t open)
{
    switch (open) {
    case 0x3014: /* 〔 */
        return 0x3015;
    case 0xFF3B: /* ［ */
        return 0xFF3D;
    case 0x3010: /* 【 */
        return 0x3011;
    case '[':
        return ']';
    default:
        return 0;
    }
}

static bool is_wenhao_close(uint32_t cp)
{
    return cp == 0x3015u || cp == 0xFF3Du || cp == 0x3011u || cp == ']';
}

/* Rules 3 and 4: pairs that never break, whatever UAX #14 says. */
static bool glued(uint32_t prev, uint32_t cp)
{
    if (is_ascii_graph(prev) && is_ascii_graph(cp))
        return true;
    if (is_ascii_digit(cp))
        return prev == 0x7B2Cu /* 第 */ || is_wenhao_close(prev);
    return is_ascii_digit(prev) && is_counter(cp);
}

/* True when s[pos..len) starts with a 文号 tail after the opening bracket `open`: dddd〕d+号. */
static bool wenhao_follows(const char *s, size_t len, size_t pos, uint32_t open)
{
    uint32_t close = wenhao_close_for(open), cp;
    size_t adv;
    for (int k = 0; k < 4; k++, pos++)
        if (pos >= len || !is_ascii_digit((unsigned char)s[pos]))
            return false;
    if (pos >= len || utf8_decode(s + pos, len - pos, &adv) != close)
        return false;
    pos += adv;
    size_t digits = 0;
    while (pos < len && is_ascii_digit((unsigned char)s[pos]))
        pos++, digits++;
    if (digits == 0 || pos >= len)
        return false;
    cp = utf8_decode(s + pos, len - pos, &adv);
    return cp == 0x53F7u; /* 号 */
}

/* Rule 5: the 文号 opening bracket is at byte `open_pos`; glue a short ideograph run before it. */
static void glue_wenhao_prefix(const char *s, size_t open_pos, char *out)
{
    size_t start = open_pos, adv;
    int n = 0;
    while (start > 0) {
        size_t p = utf8_prev(s, start);
        if (!is_ideograph(utf8_decode(s + p, start - p, &adv)))
            break;
        if (++n > WENHAO_PREFIX_MAX)
            return;
        start = p;
    }
    if (n == 0)
        return;
    for (size_t i = start + 1; i <= open_pos; i++)
        if (out[i] == TEXT_BREAK_ALLOW)
            out[i] = TEXT_BREAK_SOFT;
}

static char from_libunibreak(char b)
{
    switch (b) {
    case LINEBREAK_MUSTBREAK:
        return TEXT_BREAK_MUST;
    case LINEBREAK_ALLOWBREAK:
        return TEXT_BREAK_ALLOW;
    default: /* NOBREAK, INSIDEACHAR */
        return TEXT_BREAK_NO;
    }
}

/* Length of the well-formed prefix of s[0..len) that libunibreak may see; *last gets its last code point. */
static size_t good_segment(const char *s, size_t len, uint32_t *last)
{
    size_t i = 0, adv;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80u) {
            *last = (unsigned char)s[i++];
            continue;
        }
        uint32_t cp = utf8_decode(s + i, len - i, &adv);
        if ((cp == TEXT_REPLACEMENT && adv == 1) || cp == LINEBREAK_EOS_CP)
            break;
        *last = cp;
        i += adv;
    }
    return i;
}

/* The UAX #14 layer: out[] in our convention, bad bytes and U+FFFF breakable on either side. */
static void uax14_breaks(const char *s, size_t len, char *out)
{
    size_t a = 0;
    while (a < len) {
        uint32_t last = 0;
        size_t n = good_segment(s + a, len - a, &last);
        if (n > 0) {
            set_linebreaks_utf8((const utf8_t *)(s + a), n, "zh", out + a);
            for (size_t k = n - 1; k > 0; k--) /* shift "after byte k-1" to "before byte k" */
                out[a + k] = from_libunibreak(out[a + k - 1]);
            out[a] = TEXT_BREAK_ALLOW; /* after a bad unit; out[0] is fixed below */
            a += n;
            if (a < len) /* libunibreak's end-of-text MUST is an artefact of the cut, unless a hard break ended it */
                out[a] = text_is_hard_break(last) ? TEXT_BREAK_MUST : TEXT_BREAK_ALLOW;
        }
        if (a < len) { /* a bad byte, or the three bytes of U+FFFF: one unbreakable unit, breakable around */
            size_t adv;
            (void)utf8_decode(s + a, len - a, &adv);
            if (n == 0)
                out[a] = TEXT_BREAK_ALLOW;
            for (size_t k = 1; k < adv; k++)
                out[a + k] = TEXT_BREAK_NO;
            a += adv;
        }
    }
    out[0] = TEXT_BREAK_NO;
}

/* The closing partner of an opening bracket or quote (rule 6), 0 for anything else. */
static uint32_t closer_for(uint32_t open)
{
    switch (open) {
    case 0xFF08: /* （ */
        return 0xFF09;
    case 0x3014: /* 〔 */
        return 0x3015;
    case 0xFF3B: /* ［ */
        return 0xFF3D;
    case 0xFF5B: /* ｛ */
        return 0xFF5D;
    case 0x3010: /* 【 */
        return 0x3011;
    case 0x3016: /* 〖 */
        return 0x3017;
    case 0x300A: /* 《 */
        return 0x300B;
    case 0x3008: /* 〈 */
        return 0x3009;
    case 0x300C: /* 「 */
        return 0x300D;
    case 0x300E: /* 『 */
        return 0x300F;
    case 0x201C: /* “ */
        return 0x201D;
    case 0x2018: /* ‘ */
        return 0x2019;
    case '(':
        return ')';
    case '[':
        return ']';
    default:
        return 0;
    }
}

/* True when a space starts at byte pos (pos may be len). */
static bool space_at(const char *s, size_t len, size_t pos)
{
    size_t adv;
    return pos < len && text_is_space(utf8_decode(s + pos, len - pos, &adv));
}

/* Turns every ALLOW in out[a..b] into `to` (NO, or SOFT for a preference; a SOFT too when to is NO). */
static void keep_whole(char *out, size_t a, size_t b, char to)
{
    for (size_t i = a; i <= b; i++)
        if (out[i] == TEXT_BREAK_ALLOW || (out[i] == TEXT_BREAK_SOFT && to == TEXT_BREAK_NO))
            out[i] = to;
}

/* Parentheses (not quotes or title marks, whose short contents may break like prose): rule 6. */
static bool is_paren_open(uint32_t cp)
{
    return cp == 0xFF08u || cp == 0x3014u || cp == 0xFF3Bu || cp == 0x3010u || cp == 0x3016u || cp == '(' || cp == '[';
}

/* Rule 6: the opener `open` ends at byte `after`; when its closer follows within TEXT_KEEP_WHOLE_MAX code points,
 * with no space, hard break or other opener between, nothing inside breaks. */
static void keep_bracket_whole(const char *s, size_t len, size_t after, uint32_t open, char *out)
{
    uint32_t close = closer_for(open);
    size_t pos = after, adv;
    for (int n = 0; n <= TEXT_KEEP_WHOLE_MAX && pos < len; n++) {
        uint32_t cp = utf8_decode(s + pos, len - pos, &adv);
        if (cp == close) {
            if (n > 0)
                keep_whole(out, after, pos, TEXT_BREAK_SOFT);
            return;
        }
        if (text_is_space(cp) || text_is_hard_break(cp) || closer_for(cp))
            return;
        pos += adv;
    }
}

/* Rule 7: a token starts at byte `start` after a space or a hard break (or at the paragraph start); when it is a
 * short non-ASCII word standing between spaces — 已废止 in "… · 已废止" — nothing inside breaks. */
static void keep_token_whole(const char *s, size_t len, size_t start, bool after_space, char *out)
{
    size_t pos = start, adv, last = start;
    bool ascii = true;
    int n = 0;
    while (pos < len) {
        uint32_t cp = utf8_decode(s + pos, len - pos, &adv);
        if (text_is_space(cp) || text_is_hard_break(cp))
            break;
        if (++n > TEXT_KEEP_WHOLE_MAX)
            return;
        if (cp >= 0x80u)
            ascii = false;
        last = pos;
        pos += adv;
    }
    if (n >= 2 && !ascii && (after_space || space_at(s, len, pos)))
        keep_whole(out, start + 1, last, TEXT_BREAK_NO);
}

void text_breaks_tiered(const char *s, size_t len, char *out)
{
    assert((s && out) || len == 0);
    if (len == 0)
        return;
    (void)pthread_once(&linebreak_once, init_linebreak);
    uax14_breaks(s, len, out);

    /* The Chinese layer, one forward pass.  prev is the code point before pos; open_end the last non-space one
     * since the line could have started, so a break after "（ " is seen as a break after "（". */
    uint32_t prev = 0, open_end = 0;
    size_t pos = 0, adv;
    while (pos < len) {
        uint32_t cp = utf8_decode(s + pos, len - pos, &adv);
        bool space = text_is_space(cp);
        if (out[pos] == TEXT_BREAK_MUST)
            open_end = 0;
        else if ((out[pos] == TEXT_BREAK_ALLOW || out[pos] == TEXT_BREAK_SOFT) &&
                 (text_is_no_line_start(cp) || text_is_no_line_end(open_end) || glued(prev, cp)))
            out[pos] = TEXT_BREAK_NO;
        if (wenhao_close_for(cp) && wenhao_follows(s, len, pos + adv, cp))
            glue_wenhao_prefix(s, pos, out);
        if (is_paren_open(cp))
            keep_bracket_whole(s, len, pos + adv, cp, out);
        if (!space && (pos == 0 || text_is_space(prev) || text_is_hard_break(prev)))
            keep_token_whole(s, len, pos, pos > 0 && text_is_space(prev), out);
        /* A separator between spaces (" · ") is not the line's end: layout drops it at a break, like a space. */
        bool spaced_dot = text_is_separator_dot(cp) && text_is_space(prev) && space_at(s, len, pos + adv);
        if (!space && !spaced_dot)
            open_end = cp;
        prev = cp;
        pos += adv;
    }
}

void text_breaks(const char *s, size_t len, char *out)
{
    text_breaks_tiered(s, len, out);
    for (size_t i = 0; i < len; i++)
        if (out[i] == TEXT_BREAK_SOFT)
            out[i] = TEXT_BREAK_NO;
}

/* Code point ending at len (len > 0); a stray byte reads as U+FFFD as it does forwards. */
static uint32_t last_cp(const char *s, size_t len)
{
    size_t p = utf8_prev(s, len), adv;
    return utf8_decode(s + p, len - p, &adv);
}

bool text_line_breaks_rules(const char *s, size_t len)
{
    assert(s || len == 0);
    if (len == 0)
        return false;
    size_t adv;
    return text_is_no_line_start(utf8_decode(s, len, &adv)) || text_is_no_line_end(last_cp(s, len));
}
