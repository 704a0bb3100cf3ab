/* fuzz_script.c — the kiosk's --script parser (src/ui/script.c) on arbitrary bytes.
 *
 * The parser is the runner's own: ui_script_check_line runs parse_line, the first half of every line
 * ui_script_run executes, and stops before anything touches the window.  Driving the whole kiosk per input would
 * cost a window and a frame per command (milliseconds, not microseconds) for the same parsing code.  The input is
 * cut into lines as ui_script_run reads them (fgets: at a newline, at most 4095 bytes; a NUL ends what the line
 * holds).  A line that parses must parse again the same way (the parser does not depend on hidden state), and every
 * refusal must say why. */
#include "fuzz.h"

#include "ui/ui_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char line[4096], why[512];
    size_t pos = 0;
    while (pos < size) {
        size_t n = 0;
        while (pos < size && n < sizeof line - 1) {
            char c = (char)data[pos++];
            line[n++] = c;
            if (c == '\n')
                break;
        }
        line[n] = 0;
        why[0] = 0;
        bool ok = ui_script_check_line(line, why, sizeof why);
        if (!ok)
            FUZZ_ASSERT(why[0] != 0 && strlen(why) < sizeof why);
        char why2[512];
        FUZZ_ASSERT(ui_script_check_line(line, why2, sizeof why2) == ok);
    }
    return 0;
}
