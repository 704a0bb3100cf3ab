/* cmd_info.c — `zwgk-admin info`: what a content database holds, for a reviewer before it is signed. */
#include "admin.h"
#include "zwgk/content.h"

int admin_info(int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "usage: zwgk-admin info content.db\n");
        return 2;
    }
    char err[512];
    content_t *c = content_open(argv[0], err, sizeof err);
    if (!c) {
        fprintf(stderr, "zwgk-admin info: %s\n", err);
        return 1;
    }
    const content_meta_t *m = content_meta(c);
    printf("title:           %s\n", m->title);
    printf("publisher:       %s (%s)\n", m->publisher, m->publisher_id);
    printf("region:          %s\n", m->region ? m->region : "");
    printf("content version: %lld\n", m->content_version);
    printf("created:         %s\n", m->created ? m->created : "");
    printf("format version:  %d\n", m->format_version);

    int rc = 1;
    content_counts_t n;
    content_named_list_t areas = {0};
    if (content_counts(c, &n) != ZWGK_OK || content_areas(c, &areas) != ZWGK_OK) {
        fprintf(stderr, "zwgk-admin info: cannot read %s\n", argv[0]);
        goto done;
    }
    printf("\ndirectory: %d areas, %d 一级事项, %d 二级事项\n", n.areas, n.topics, n.items);
    for (size_t i = 0; i < areas.count; i++)
        printf("  %2zu. %s (%d)\n", i + 1, areas.items[i].name, areas.items[i].count);
    printf("\ndocuments: %d\n", n.docs);
    for (int t = DOC_POLICY; t < DOC_TYPE_COUNT_PLUS_ONE; t++) {
        printf("  %s: %d\n", content_doc_type_name(t), n.by_type[t]);
        content_doc_list_t docs;
        if (content_docs(c, t, 0, 0, &docs) != ZWGK_OK)
            goto done;
        for (size_t i = 0; i < docs.count; i++) {
            const content_doc_summary_t *s = &docs.items[i];
            printf("    %s  %s%s%s%s%s\n", s->publish_date, s->title, s->doc_number ? "  " : "",
                   s->doc_number ? s->doc_number : "", t == DOC_POLICY ? "  " : "",
                   t == DOC_POLICY ? content_validity_name(s->validity) : "");
        }
        content_doc_list_free(&docs);
    }
    rc = 0;
done:
    content_named_list_free(&areas);
    content_close(c);
    return rc;
}
