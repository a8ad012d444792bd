/* run.c - the scheduling loop: prepare buffers, fork, wait, score, print one line per case. */
#define _POSIX_C_SOURCE 200809L
#include "run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expect.h"
#include "sandbox.h"
#include "score.h"
#include "results.h"

/** Filter, then shard over the filtered list (sorted by id), so shards partition it. */
size_t *ic_run_select(const ic_manifest *m, const ic_filter *f, size_t *n)
{
    size_t *sel = malloc((m->ncases ? m->ncases : 1) * sizeof *sel);
    size_t i, k = 0, j = 0;

    *n = 0;
    if (sel == NULL) {
        return NULL;
    }
    for (i = 0; i < m->ncases; i++) {
        const ic_case *c = &m->cases[i];
        if (!ic_filter_selects(f, c->id, c->tags, c->ntags)) {
            continue;
        }
        if (ic_shard_selects(f, j++)) {
            sel[k++] = i;
        }
    }
    *n = k;
    return sel;
}

static void result_init(ic_case_result *r, const ic_case *c)
{
    size_t t;

    memset(r, 0, sizeof *r);
    r->id = ic_strdup(c->id);
    r->tags = calloc(c->ntags ? c->ntags : 1, sizeof *r->tags);
    for (t = 0; r->tags != NULL && t < c->ntags; t++) {
        r->tags[t] = ic_strdup(c->tags[t]);
        if (r->tags[t] != NULL) {
            r->ntags++;
        }
    }
    r->max_abs_err = r->max_rel_err = r->max_ulp = NAN;
    r->f64_max_abs_err = r->torch_f64_max_abs_err = NAN;
    r->bound_ratio = NAN;
}

/* Applies the expectations to the finished result, then prints its line. */
static void report_line(const ic_run_opts *o, ic_case_result *r, size_t done, size_t total)
{
    ic_expect_apply(o->expect, r);
    if (o->progress) {
        fprintf(stderr, "\r\033[K");
    }
    if (!o->quiet && r->expect != IC_EXPECT_NONE && (o->verbose || r->expect == IC_EXPECT_XPASS)) {
        fprintf(o->out, "%-5s %s: %s%s%s (expected: %s)\n", ic_outcome_name(r), r->id,
                r->kind ? r->kind : "passes", r->message ? ": " : "", r->message ? r->message : "",
                r->expect_reason ? r->expect_reason : "");
    } else if (r->expect != IC_EXPECT_NONE) {
        /* expected failure: silent unless --verbose */
    } else if (!o->quiet && (r->verdict == IC_VERDICT_FAIL || r->verdict == IC_VERDICT_ERROR ||
                             (o->verbose && r->verdict == IC_VERDICT_SKIP))) {
        fprintf(o->out, "%-5s %s: %s%s%s\n", ic_verdict_name(r->verdict), r->id,
                r->kind ? r->kind : "", r->message ? ": " : "", r->message ? r->message : "");
    } else if (!o->quiet && o->verbose) {
        fprintf(o->out, "%-5s %s%s (%.1f ms, max|err| %.3g, bound %.3g)\n",
                ic_verdict_name(r->verdict), r->id, r->exact ? " exact" : "", r->seconds * 1e3,
                r->max_abs_err, r->bound);
    }
    if (o->progress) {
        fprintf(stderr, "[%5zu/%zu] %.60s", done, total, r->id);
        fflush(stderr);
    }
}

/* Decides what needs no child: bad vectors and capability SKIPs. Returns 1 when decided. */
static int decide_early(const ic_loaded_port *lp, const ic_case *c, ic_case_result *r)
{
    const char *why;

    if (c->bad != NULL) {
        ic_result_set(r, IC_VERDICT_ERROR, "bad-vector", "%s", c->bad);
        return 1;
    }
    why = ic_port_declines(lp->port, c);
    if (why != NULL) {
        ic_result_set(r, IC_VERDICT_SKIP, "unsupported", "the port does not declare this %s", why);
        return 1;
    }
    return 0;
}

/** The run loop; see run.h. */
ic_case_result *ic_run_cases(const ic_run_opts *o, const ic_loaded_port *lp, const ic_manifest *m,
                             const size_t *sel, size_t nsel)
{
    ic_case_result *res = calloc(nsel ? nsel : 1, sizeof *res);
    ic_job *jobs;
    size_t *slot_case;
    size_t next = 0, done = 0, active = 0, i, nj = (size_t)(o->jobs < 1 ? 1 : o->jobs);
    char msg[300];

    if (nj > 64) {
        nj = 64;
    }
    jobs = calloc(nj, sizeof *jobs);
    slot_case = calloc(nj, sizeof *slot_case);
    if (res == NULL || jobs == NULL || slot_case == NULL) {
        free(res);
        free(jobs);
        free(slot_case);
        return NULL;
    }
    for (i = 0; i < nsel; i++) {
        result_init(&res[i], &m->cases[sel[i]]);
    }
    while (next < nsel || active > 0) {
        long fin;
        /* Fill free slots. */
        for (i = 0; i < nj && next < nsel; i++) {
            const ic_case *c;
            ic_case_result *r;
            if (jobs[i].pid > 0) {
                continue;
            }
            c = &m->cases[sel[next]];
            r = &res[next];
            if (decide_early(lp, c, r)) {
                report_line(o, r, ++done, nsel);
                next++;
                i--; /* the slot is still free */
                continue;
            }
            if (ic_bufs_prepare(c, &jobs[i].bufs, msg, sizeof msg) != 0) {
                ic_result_set(r, IC_VERDICT_ERROR, "harness", "%s", msg);
                report_line(o, r, ++done, nsel);
                next++;
                i--;
                continue;
            }
            if (o->no_fork) {
                ic_job_run_inline(&jobs[i], lp, c);
                ic_score_case(c, &jobs[i].bufs, &jobs[i].out, o->strict, r);
                r->seconds = jobs[i].out.seconds;
                ic_bufs_release(&jobs[i].bufs);
                report_line(o, r, ++done, nsel);
                next++;
                i--;
                continue;
            }
            jobs[i].siblings = jobs;
            jobs[i].nsiblings = nj;
            jobs[i].sandbox = !o->no_sandbox;
            if (ic_job_start(&jobs[i], lp, c, o->timeout, msg, sizeof msg) != 0) {
                ic_result_set(r, IC_VERDICT_ERROR, "harness", "%s", msg);
                ic_bufs_release(&jobs[i].bufs);
                report_line(o, r, ++done, nsel);
                next++;
                i--;
                continue;
            }
            slot_case[i] = next++;
            active++;
        }
        if (active == 0) {
            continue;
        }
        fin = ic_jobs_wait(jobs, nj, 0.5);
        if (fin >= 0) {
            ic_job *j = &jobs[fin];
            ic_case_result *r = &res[slot_case[fin]];
            if (!ic_score_isolation(&j->out, r)) {
                ic_score_case(j->c, &j->bufs, &j->out, o->strict, r);
            }
            r->seconds = j->out.seconds;
            ic_bufs_release(&j->bufs);
            active--;
            report_line(o, r, ++done, nsel);
        }
    }
    if (o->progress) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
    }
    free(jobs);
    free(slot_case);
    return res;
}
