/* rating.c — 好差评 on the kiosk: "请为本次服务评价" with the five levels of 国办发〔2019〕51号, anonymous.
 *
 * Where: at the end of every document's page (a guide, a policy, a notice …), after the content the citizen came
 * for, never over it, and on the home screen after a visit (for the kiosk's service as a whole).  Nothing pops up and
 * nothing waits for an answer: the card is a part of the page that can be scrolled past, and the idle reset forgets
 * it.  The five levels are large chips (非常满意 … 非常不满意); after 不满意 or 非常不满意 the card offers the fixed
 * reasons (内容看不懂、找不到想要的、内容过时、操作不方便、其他) — tapped, never typed, so no free text and nothing
 * personal is ever stored.  One rating per session and screen: once a level is given for a key the card says thanks
 * and shows the level given; a second tap changes nothing.  Counts go to local.db against the document's key ("" for
 * the kiosk as a whole) and into the statistics export. */
#include "jobs.h"
#include "page.h"
#include "zwgk/local.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A rating (or its reason) written to local.db on the job queue's worker, like every statistics write (an fsync). */
typedef struct rating_job {
    int level;          /* 1..5, or 0 for a reason */
    const char *reason; /* one of local_rating_reasons (static) */
    char target[128];
} rating_job_t;

static void rating_run(ui_job_t *job, void *data)
{
    rating_job_t *r = data;
    local_t *l = ui_job_local(job);
    if (!l)
        return;
    if (r->level)
        local_rating_record(l, r->target, r->level);
    else
        local_rating_reason_record(l, r->target, r->reason);
}

static const ui_job_class_t rating_class = {"rating", UI_JOB_LANE_BACKGROUND, rating_run, NULL, NULL, NULL};

static void record(ui_app_t *app, const char *key, int level, const char *reason)
{
    if (!app->opt.data_dir || !app->jobs)
        return; /* no local.db to count in */
    rating_job_t *r = calloc(1, sizeof *r);
    if (!r)
        return;
    r->level = level;
    r->reason = reason;
    snprintf(r->target, sizeof r->target, "%s", key);
    ui_jobs_post(app->jobs, &rating_class, r);
}

static const char *const levels[5] = {"非常满意", "满意", "基本满意", "不满意", "非常不满意"};

static int find(const ui_app_t *app, const char *key)
{
    for (int i = 0; i < app->session.nrated; i++)
        if (!strcmp(app->session.rated[i], key))
            return i;
    return -1;
}

int ui_rating_given(const ui_app_t *app, const char *key)
{
    int i = find(app, key ? key : "");
    return i < 0 ? 0 : app->session.rated_level[i];
}

bool ui_rating_reason_given(const ui_app_t *app, const char *key)
{
    int i = find(app, key ? key : "");
    return i >= 0 && app->session.rated_reason[i];
}

void ui_rating_card(ui_app_t *app, page_t *p, const char *key, int action_level, int action_reason)
{
    key = key ? key : "";
    int i = find(app, key);
    page_space(p, app->theme.gap * 2);
    page_heading(p, app, "请为本次服务评价", 2);
    /* Headings keep with what follows them across a page break, and page_answers keeps all the rows of chips as one
     * element: the question is never a page away from any of its answers (rating_pages.py, at every size). */
    if (i < 0) {
        page_lead(p, app, "点一下就可以，不记录您的任何个人信息；不想评也没关系。");
        page_answers(p, app, levels, 5, -1, action_level);
        return;
    }
    int level = app->session.rated_level[i]; /* 5 = 非常满意 … 1 = 非常不满意 */
    page_answers(p, app, levels, 5, 5 - level, 0);
    if (level <= 2 && !app->session.rated_reason[i]) {
        page_heading(p, app, "谢谢您！哪里让您不满意？点一项告诉我们（可以不选）", 3);
        page_answers(p, app, local_rating_reasons_zh, LOCAL_RATING_REASON_COUNT, -1, action_reason);
    } else {
        page_muted(p, app, level <= 2 ? "谢谢您的评价，我们会尽快改进。" : "谢谢您的评价！");
    }
}

bool ui_rating_action(ui_app_t *app, const char *key, bool reason, long long arg)
{
    key = key ? key : "";
    if (arg < 0 || arg >= 5)
        return false;
    int i = find(app, key);
    if (!reason) {
        if (i >= 0 || app->session.nrated >= UI_SESSION_RATED_MAX)
            return false; /* one rating per session and screen */
        i = app->session.nrated++;
        snprintf(app->session.rated[i], sizeof app->session.rated[i], "%s", key);
        app->session.rated_level[i] = 5 - (int)arg;
        app->session.rated_reason[i] = false;
        record(app, key, app->session.rated_level[i], NULL); /* anonymous: which document and how, never who */
        return true;
    }
    if (i < 0 || app->session.rated_reason[i] || app->session.rated_level[i] > 2)
        return false;
    app->session.rated_reason[i] = true;
    record(app, key, 0, local_rating_reasons[arg]);
    return true;
}
