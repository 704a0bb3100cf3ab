/* docx_private.h — what docx.c (the document walk) and docx_styles.c (styles.xml, numbering.xml) share.
 *
 * Word resolves a run's look from four places, later ones winning: the document defaults, the paragraph style (and
 * the styles it is based on), the character style, and the run's own properties.  A 公文 typed in Word/WPS carries
 * almost everything as direct formatting, but a template's Normal style often holds the 仿宋 and the size, so the
 * chain is followed.  Every property has an "unset" value, so merging is "copy what is set". */
#ifndef ZWGK_OFFICE_DOCX_PRIVATE_H
#define ZWGK_OFFICE_DOCX_PRIVATE_H

#include "office_private.h"

#include <limits.h>

#define DOCX_UNSET    INT_MIN
#define DOCX_LEVELS   9  /* numbering levels 0-8 */
#define DOCX_FONT_CAP 64 /* bytes of a font name kept */

typedef struct docx_rpr {
    int bold;   /* 1, 0, or DOCX_UNSET */
    int size;   /* half-points, or DOCX_UNSET */
    int vanish; /* hidden text: 1, 0, or DOCX_UNSET */
    int font;   /* OFFICE_FONT_*, or DOCX_UNSET */
} docx_rpr_t;

typedef struct docx_ppr {
    int align;                          /* OFFICE_ALIGN_*, or DOCX_UNSET */
    int ind_left, ind_right, ind_first; /* twips, or DOCX_UNSET */
    int first_chars;                    /* hundredths of a character (firstLineChars), or DOCX_UNSET */
    int outline;                        /* 0-8, 9 = body text, or DOCX_UNSET */
    int num_id, num_level;              /* numPr, or DOCX_UNSET */
} docx_ppr_t;

typedef struct docx_style {
    char *id, *based_on;
    int is_char; /* a character style (w:type="character") */
    docx_ppr_t ppr;
    docx_rpr_t rpr;
} docx_style_t;

typedef struct docx_level {
    int start;     /* first number */
    char fmt[40];  /* w:numFmt */
    char text[64]; /* w:lvlText, %1 … %9 */
    int legal;     /* w:isLgl: every number shown as decimal */
} docx_level_t;

typedef struct docx_abstract {
    int id;
    docx_level_t lvl[DOCX_LEVELS];
} docx_abstract_t;

typedef struct docx_num {
    int id, abstract;       /* w:numId, its w:abstractNumId */
    int start[DOCX_LEVELS]; /* w:startOverride, or DOCX_UNSET */
    int count[DOCX_LEVELS]; /* the running counters; DOCX_UNSET until a level is used */
    int counter_owner;      /* index of the num whose counters this one shares (same abstract, no override) */
} docx_num_t;

typedef struct docx_styles {
    docx_style_t *styles;
    size_t nstyles;
    const docx_style_t *default_para; /* the w:default="1" paragraph style */
    docx_ppr_t doc_ppr;               /* docDefaults */
    docx_rpr_t doc_rpr;
    docx_abstract_t *abstracts;
    size_t nabstracts;
    docx_num_t *nums;
    size_t nnums;
} docx_styles_t;

void docx_rpr_clear(docx_rpr_t *r);
void docx_ppr_clear(docx_ppr_t *p);
void docx_rpr_merge(docx_rpr_t *into, const docx_rpr_t *from); /* what from sets wins */
void docx_ppr_merge(docx_ppr_t *into, const docx_ppr_t *from);

/* Reads one property element of a w:rPr / w:pPr at the current START (b, sz, rFonts, vanish / jc, ind, outlineLvl,
 * numPr children, pStyle is the caller's).  Returns 1 when it was one. */
int docx_rpr_read(office_xml_t *x, docx_rpr_t *r);
int docx_ppr_read(office_xml_t *x, docx_ppr_t *p);

/* Loads styles.xml and numbering.xml (either may be missing: a part that is absent is empty).  err on failure. */
zwgk_result docx_styles_load(office_zip_t *z, const char *styles_part, const char *numbering_part, docx_styles_t *st,
                             char *err, size_t errlen);
void docx_styles_free(docx_styles_t *st);

/* The style with this id of the given kind, or NULL. */
const docx_style_t *docx_style_find(const docx_styles_t *st, const char *id, int is_char);
/* The paragraph properties and the run properties a paragraph style gives, its basedOn chain resolved (over the
 * document defaults).  style NULL = the default paragraph style. */
void docx_style_resolve(const docx_styles_t *st, const docx_style_t *style, docx_ppr_t *ppr, docx_rpr_t *rpr);
/* What a character style adds (its chain resolved), merged into rpr. */
void docx_char_style_apply(const docx_styles_t *st, const docx_style_t *style, docx_rpr_t *rpr);

/* Advances the counters of list num_id at level and writes the label Word shows into buf ("" when the list or
 * level does not exist or has no number).  Returns the label's length. */
size_t docx_number_next(docx_styles_t *st, int num_id, int level, char *buf, size_t cap);

#endif
