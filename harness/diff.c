/* diff.c - compares two JSON reports case by case, and their run records; console, JUnit, HTML. */
#define _POSIX_C_SOURCE 200809L
#include "diff.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "report_text.h"

enum { DIFF_OK = 0, DIFF_REGRESSION = 1, DIFF_USAGE = 2, DIFF_LOAD = 3 };

/* Members not compared as run records: timings differ on every run, the counts are what the
   case-by-case diff explains, and the top level's run/cases/summary are compared apart. */
static const char *const volatile_keys[] = {"started", "seconds", NULL};
static const char *const summary_counts[] = {"total",        "pass",       "exact", "fail",
                                             "error",        "skip",       "xfail", "xpass",
                                             "profile_pass", "conformant", NULL};
static const char *const top_parts[] = {"run", "cases", "summary", NULL};

static const char *const change_names[] = {
    "new failure", "fixed",   "changed verdict", "changed kind", "changed cause",
    "now skipped", "now run", "added",           "removed",      "changed category"};

/** See diff.h. */
int ic_diff_is_regression(int32_t change)
{
    return change == IC_DIFF_NEW_FAILURE || change == IC_DIFF_CHANGED_VERDICT ||
           change == IC_DIFF_CHANGED_KIND;
}

/** See diff.h. */
const char *ic_diff_change_name(int32_t change)
{
    return change >= 0 && change <= IC_DIFF_CHANGED_CATEGORY ? change_names[change] : "?";
}

static int failing(const ic_case_result *r)
{
    return r->verdict == IC_VERDICT_FAIL || r->verdict == IC_VERDICT_ERROR;
}

static int same_str(const char *a, const char *b)
{
    return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* Index arrays sorted by id, so that unsorted inputs still pair up. */
static const ic_case_result *sort_base;

static int cmp_idx(const void *a, const void *b)
{
    return strcmp(sort_base[*(const size_t *)a].id, sort_base[*(const size_t *)b].id);
}

static size_t *sorted_index(const ic_case_result *res, size_t n)
{
    size_t *idx = malloc((n ? n : 1) * sizeof *idx), i;

    if (idx == NULL) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        idx[i] = i;
    }
    sort_base = res;
    qsort(idx, n, sizeof *idx, cmp_idx);
    return idx;
}

/* The change of a case present in both runs, or -1 for none. */
static int classify(const ic_case_result *o, const ic_case_result *n, const char *oc,
                    const char *nc)
{
    if (failing(n) && !failing(o)) {
        return IC_DIFF_NEW_FAILURE;
    }
    if (failing(o) && n->verdict == IC_VERDICT_PASS) {
        return IC_DIFF_FIXED;
    }
    if (failing(o) && failing(n)) {
        if (o->verdict != n->verdict) {
            return IC_DIFF_CHANGED_VERDICT;
        }
        if (!same_str(o->kind, n->kind)) {
            return IC_DIFF_CHANGED_KIND;
        }
        /* "returned IC_ERR_TYPE (TypeError), torch raises ...": the message names the
           category the port returned, and nothing run-dependent. */
        if (n->kind != NULL && strcmp(n->kind, "category") == 0 &&
            !same_str(o->message, n->message)) {
            return IC_DIFF_CHANGED_CATEGORY;
        }
        if (oc != NULL && nc != NULL && strcmp(oc, nc) != 0) {
            return IC_DIFF_CHANGED_CAUSE;
        }
        return -1;
    }
    if (n->verdict == IC_VERDICT_SKIP && o->verdict != IC_VERDICT_SKIP) {
        return IC_DIFF_NOW_SKIPPED;
    }
    if (o->verdict == IC_VERDICT_SKIP && n->verdict == IC_VERDICT_PASS) {
        return IC_DIFF_NOW_RUN;
    }
    return -1;
}

static int push(ic_diff *d, size_t *cap, int change, const ic_case_result *o,
                const ic_case_result *n, const char *oc, const char *nc)
{
    if (d->n == *cap) {
        size_t ncap = *cap ? 2 * *cap : 64;
        ic_diff_entry *grown = realloc(d->entries, ncap * sizeof *grown);
        if (grown == NULL) {
            return -1;
        }
        d->entries = grown;
        *cap = ncap;
    }
    d->entries[d->n].change = change;
    d->entries[d->n].old_r = o;
    d->entries[d->n].new_r = n;
    d->entries[d->n].old_cause = oc;
    d->entries[d->n].new_cause = nc;
    d->n++;
    d->count[change]++;
    return 0;
}

/** Merge-walks the two id-sorted lists. */
int ic_diff_compute(const ic_case_result *old_res, size_t nold, char *const *old_causes,
                    const ic_case_result *new_res, size_t nnew, char *const *new_causes,
                    ic_diff *d)
{
    size_t *oi = sorted_index(old_res, nold), *ni = sorted_index(new_res, nnew);
    size_t a = 0, b = 0, cap = 0;
    int rc = 0;

    memset(d, 0, sizeof *d);
    if (oi == NULL || ni == NULL) {
        free(oi);
        free(ni);
        return -1;
    }
    while (rc == 0 && (a < nold || b < nnew)) {
        const ic_case_result *o = a < nold ? &old_res[oi[a]] : NULL;
        const ic_case_result *n = b < nnew ? &new_res[ni[b]] : NULL;
        const char *oc = o != NULL && old_causes != NULL ? old_causes[oi[a]] : NULL;
        const char *nc = n != NULL && new_causes != NULL ? new_causes[ni[b]] : NULL;
        int cmp = o == NULL ? 1 : n == NULL ? -1 : strcmp(o->id, n->id), ch;
        if (cmp < 0) {
            rc = push(d, &cap, IC_DIFF_REMOVED, o, NULL, oc, NULL);
            a++;
        } else if (cmp > 0) {
            rc =
                push(d, &cap, failing(n) ? IC_DIFF_NEW_FAILURE : IC_DIFF_ADDED, NULL, n, NULL, nc);
            b++;
        } else {
            ch = classify(o, n, oc, nc);
            if (ch >= 0) {
                rc = push(d, &cap, ch, o, n, oc, nc);
            }
            a++;
            b++;
        }
    }
    free(oi);
    free(ni);
    if (rc != 0) {
        ic_diff_free(d);
    }
    return rc;
}

/** See diff.h. */
void ic_diff_free(ic_diff *d)
{
    free(d->entries);
    memset(d, 0, sizeof *d);
}

/* ---- the run records: every member, generically (fields added later compare too) -------- */

/* One differing member of the run records (or the top level). */
typedef struct run_delta {
    char *key, *old_v, *new_v; /* values as compact JSON; "(absent)" when missing */
} run_delta;

static char *json_text(const cJSON *it)
{
    if (it == NULL) {
        return ic_strdup("(absent)");
    }
    if (cJSON_IsString(it)) {
        return ic_strdup(it->valuestring);
    }
    return cJSON_PrintUnformatted(it);
}

static int listed(const char *k, const char *const *list)
{
    for (; *list != NULL; list++) {
        if (strcmp(k, *list) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Adds the members of objects a and b (either may be NULL) that differ, as prefix+key, except
   those named in skip. */
static void compare_members(const cJSON *a, const cJSON *b, const char *prefix,
                            const char *const *skip, run_delta **out, size_t *n)
{
    const cJSON *pass[2] = {a, b}, *it;
    int side;

    for (side = 0; side < 2; side++) {
        cJSON_ArrayForEach (it, pass[side]) {
            const cJSON *other = cJSON_GetObjectItemCaseSensitive(pass[1 - side], it->string);
            const cJSON *oa = side == 0 ? it : other, *ob = side == 0 ? other : it;
            char *ta, *tb, key[160];
            run_delta *grown;
            if (it->string == NULL || listed(it->string, skip) || (side == 1 && other != NULL)) {
                continue; /* members present on both sides are compared on the first pass */
            }
            if (oa != NULL && ob != NULL && cJSON_Compare(oa, ob, 1)) {
                continue;
            }
            ta = json_text(oa);
            tb = json_text(ob);
            snprintf(key, sizeof key, "%s%s", prefix, it->string);
            grown = realloc(*out, (*n + 1) * sizeof **out);
            if (grown == NULL || ta == NULL || tb == NULL) {
                free(ta);
                free(tb);
                if (grown != NULL) {
                    *out = grown;
                }
                continue;
            }
            *out = grown;
            (*out)[*n].key = ic_strdup(key);
            (*out)[*n].old_v = ta;
            (*out)[*n].new_v = tb;
            (*n)++;
        }
    }
}

/* A report parsed with cJSON for what the typed reader does not carry: every run member and
   each case's "cause" (when the report has one), aligned with the typed reader's order. */
typedef struct raw_report {
    cJSON *root;
    char **causes; /* one per case, NULL entries when absent */
    size_t n;
} raw_report;

static int raw_load(const char *path, size_t ncases, raw_report *r, char *msg, size_t len)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long sz;
    const cJSON *cases, *c;
    size_t i = 0;

    memset(r, 0, sizeof *r);
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        ic_set_msg(msg, len, "%s: cannot read: %s", path, strerror(errno));
        if (f != NULL) {
            fclose(f);
        }
        return -1;
    }
    text = malloc((size_t)sz + 1);
    if (text == NULL || fread(text, 1, (size_t)sz, f) != (size_t)sz) {
        ic_set_msg(msg, len, "%s: cannot read", path);
        free(text);
        fclose(f);
        return -1;
    }
    fclose(f);
    text[sz] = '\0';
    r->root = cJSON_ParseWithLength(text, (size_t)sz);
    free(text);
    r->causes = calloc(ncases ? ncases : 1, sizeof *r->causes);
    if (r->root == NULL || r->causes == NULL) {
        ic_set_msg(msg, len, "%s: cannot parse a second time (out of memory?)", path);
        cJSON_Delete(r->root);
        free(r->causes);
        return -1;
    }
    r->n = ncases;
    cases = cJSON_GetObjectItemCaseSensitive(r->root, "cases");
    cJSON_ArrayForEach (c, cases) {
        const cJSON *cause = cJSON_GetObjectItemCaseSensitive(c, "cause");
        if (i >= ncases) {
            break;
        }
        if (cause != NULL && !cJSON_IsNull(cause)) {
            r->causes[i] = json_text(cause);
        }
        i++;
    }
    return 0;
}

static void raw_free(raw_report *r)
{
    size_t i;

    for (i = 0; i < r->n; i++) {
        free(r->causes[i]);
    }
    free(r->causes);
    cJSON_Delete(r->root);
}

/* ---- output ----------------------------------------------------------------------------- */

/* "FAIL:values", "PASS", "(absent)". */
static void outcome(char *buf, size_t len, const ic_case_result *r)
{
    if (r == NULL) {
        snprintf(buf, len, "(absent)");
    } else if (failing(r) && r->kind != NULL) {
        snprintf(buf, len, "%s:%s", ic_verdict_name(r->verdict), r->kind);
    } else {
        snprintf(buf, len, "%s", ic_verdict_name(r->verdict));
    }
}

static void print_console(FILE *f, const char *oldp, const char *newp, const ic_diff *d,
                          const run_delta *rd, size_t nrd, size_t regressions)
{
    size_t i;
    char a[96], b[96];

    fprintf(f, "interpcheck diff %s -> %s\n", oldp, newp);
    for (i = 0; i < nrd; i++) {
        fprintf(f, "RUN DIFFERS  %s: %s -> %s\n", rd[i].key, rd[i].old_v, rd[i].new_v);
    }
    for (i = 0; i < d->n; i++) {
        const ic_diff_entry *e = &d->entries[i];
        const ic_case_result *r = e->new_r != NULL ? e->new_r : e->old_r;
        outcome(a, sizeof a, e->old_r);
        outcome(b, sizeof b, e->new_r);
        fprintf(f, "%-15s %s: %s -> %s", ic_diff_change_name(e->change), r->id, a, b);
        if (e->change == IC_DIFF_CHANGED_CAUSE) {
            fprintf(f, ": cause %s -> %s", e->old_cause, e->new_cause);
        } else if (e->new_r != NULL && failing(e->new_r) && e->new_r->message != NULL) {
            fprintf(f, ": %s", e->new_r->message);
        }
        fputc('\n', f);
    }
    fprintf(f,
            "diff: %zu new failures, %zu changed verdict, %zu changed kind, %zu changed "
            "category, %zu changed cause, %zu fixed, %zu now skipped, %zu now run, %zu added, "
            "%zu removed; %zu run fields differ\n",
            d->count[IC_DIFF_NEW_FAILURE], d->count[IC_DIFF_CHANGED_VERDICT],
            d->count[IC_DIFF_CHANGED_KIND], d->count[IC_DIFF_CHANGED_CATEGORY],
            d->count[IC_DIFF_CHANGED_CAUSE], d->count[IC_DIFF_FIXED],
            d->count[IC_DIFF_NOW_SKIPPED], d->count[IC_DIFF_NOW_RUN], d->count[IC_DIFF_ADDED],
            d->count[IC_DIFF_REMOVED], nrd);
    fprintf(f, "%s\n", regressions > 0 ? "REGRESSION" : "no regression");
}

static int write_junit(const char *path, const char *oldp, const char *newp, const ic_diff *d,
                       const run_delta *rd, size_t nrd, size_t regressions, char *msg, size_t len)
{
    FILE *f = fopen(path, "w");
    size_t i;
    char a[96], b[96];
    int rc = 0;

    if (f == NULL) {
        ic_set_msg(msg, len, "%s: cannot open for writing: %s", path, strerror(errno));
        return -1;
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
    fprintf(f,
            "<testsuites name=\"interpcheck-diff\" tests=\"%zu\" failures=\"%zu\" "
            "errors=\"0\" skipped=\"0\">\n",
            d->n + 1, regressions);
    fprintf(f,
            "  <testsuite name=\"interpcheck.diff\" tests=\"%zu\" failures=\"%zu\" "
            "errors=\"0\" skipped=\"0\">\n    <properties>\n",
            d->n + 1, regressions);
    fputs("      <property name=\"old\" value=\"", f);
    ic_report__escape(f, oldp, 1);
    fputs("\"/>\n      <property name=\"new\" value=\"", f);
    ic_report__escape(f, newp, 1);
    fputs("\"/>\n    </properties>\n", f);
    fputs("    <testcase classname=\"interpcheck.diff\" name=\"run records\"><system-out>", f);
    for (i = 0; i < nrd; i++) {
        ic_report__escape(f, rd[i].key, 0);
        fputs(": ", f);
        ic_report__escape(f, rd[i].old_v, 0);
        fputs(" -&gt; ", f);
        ic_report__escape(f, rd[i].new_v, 0);
        fputc('\n', f);
    }
    fputs("</system-out></testcase>\n", f);
    for (i = 0; i < d->n; i++) {
        const ic_diff_entry *e = &d->entries[i];
        const ic_case_result *r = e->new_r != NULL ? e->new_r : e->old_r;
        outcome(a, sizeof a, e->old_r);
        outcome(b, sizeof b, e->new_r);
        fputs("    <testcase classname=\"interpcheck.diff.", f);
        ic_report__escape(f, ic_diff_change_name(e->change), 1);
        fputs("\" name=\"", f);
        ic_report__escape(f, r->id, 1);
        fputs("\">", f);
        if (ic_diff_is_regression(e->change)) {
            fputs("<failure type=\"", f);
            ic_report__escape(f, ic_diff_change_name(e->change), 1);
            fputs("\" message=\"", f);
            ic_report__escape(f, a, 1);
            fputs(" -&gt; ", f);
            ic_report__escape(f, b, 1);
            fputs("\">", f);
            ic_report__escape(f, e->new_r != NULL ? e->new_r->message : NULL, 0);
            fputs("</failure>", f);
        } else {
            fputs("<system-out>", f);
            ic_report__escape(f, a, 0);
            fputs(" -&gt; ", f);
            ic_report__escape(f, b, 0);
            fputs("</system-out>", f);
        }
        fputs("</testcase>\n", f);
    }
    fputs("  </testsuite>\n</testsuites>\n", f);
    rc = ferror(f) ? -1 : 0;
    if (fclose(f) != 0 || rc != 0) {
        ic_set_msg(msg, len, "%s: write failed: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int write_html(const char *path, const char *oldp, const char *newp, const ic_diff *d,
                      const run_delta *rd, size_t nrd, size_t regressions, char *msg, size_t len)
{
    FILE *f = fopen(path, "w");
    size_t i;
    char a[96], b[96];
    int rc;

    if (f == NULL) {
        ic_set_msg(msg, len, "%s: cannot open for writing: %s", path, strerror(errno));
        return -1;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>interpcheck diff</title>\n<style>body{font-family:system-ui,sans-serif;"
          "margin:20px;color:#1f2328}table{border-collapse:collapse}td,th{padding:3px 8px;"
          "text-align:left;border-top:1px solid #d0d7de;vertical-align:top}"
          ".reg{color:#a40e26;font-weight:700}.ok{color:#116329;font-weight:700}"
          "code{font-size:12.5px}</style>\n</head>\n<body>\n<h1>interpcheck diff</h1>\n<p>",
          f);
    ic_report__escape(f, oldp, 0);
    fputs(" &rarr; ", f);
    ic_report__escape(f, newp, 0);
    fprintf(f, "</p>\n<p class=\"%s\">%s: %zu regression(s)</p>\n", regressions ? "reg" : "ok",
            regressions ? "REGRESSION" : "no regression", regressions);
    fprintf(f,
            "<h2>Run records that differ (%zu)</h2>\n<table>\n<tr><th>field</th><th>old</th>"
            "<th>new</th></tr>\n",
            nrd);
    for (i = 0; i < nrd; i++) {
        fputs("<tr><td><code>", f);
        ic_report__escape(f, rd[i].key, 0);
        fputs("</code></td><td>", f);
        ic_report__escape(f, rd[i].old_v, 0);
        fputs("</td><td>", f);
        ic_report__escape(f, rd[i].new_v, 0);
        fputs("</td></tr>\n", f);
    }
    fprintf(f,
            "</table>\n<h2>Cases that changed (%zu)</h2>\n<table>\n<tr><th>change</th>"
            "<th>case</th><th>old</th><th>new</th><th>message now</th></tr>\n",
            d->n);
    for (i = 0; i < d->n; i++) {
        const ic_diff_entry *e = &d->entries[i];
        const ic_case_result *r = e->new_r != NULL ? e->new_r : e->old_r;
        outcome(a, sizeof a, e->old_r);
        outcome(b, sizeof b, e->new_r);
        fprintf(f, "<tr><td class=\"%s\">%s</td><td><code>",
                ic_diff_is_regression(e->change) ? "reg" : "", ic_diff_change_name(e->change));
        ic_report__escape(f, r->id, 0);
        fputs("</code></td><td>", f);
        ic_report__escape(f, e->change == IC_DIFF_CHANGED_CAUSE ? e->old_cause : a, 0);
        fputs("</td><td>", f);
        ic_report__escape(f, e->change == IC_DIFF_CHANGED_CAUSE ? e->new_cause : b, 0);
        fputs("</td><td>", f);
        ic_report__escape(f, e->new_r != NULL ? e->new_r->message : NULL, 0);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n</body>\n</html>\n", f);
    rc = ferror(f) ? -1 : 0;
    if (fclose(f) != 0 || rc != 0) {
        ic_set_msg(msg, len, "%s: write failed: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/** interpcheck diff OLD.json NEW.json [--junit F] [--html F] */
int ic_diff_main(int argc, char **argv)
{
    const char *paths[2] = {NULL, NULL}, *junit = NULL, *html = NULL;
    ic_run_info info[2];
    ic_case_result *res[2] = {NULL, NULL};
    size_t n[2] = {0, 0}, np = 0, nrd = 0, i, regressions = 0;
    raw_report raw[2];
    run_delta *rd = NULL;
    ic_diff d;
    char msg[512];
    int a, k, rc = DIFF_OK;

    for (a = 2; a < argc; a++) {
        if (strcmp(argv[a], "--junit") == 0 || strcmp(argv[a], "--html") == 0) {
            if (a + 1 >= argc) {
                fprintf(stderr, "interpcheck: diff: %s needs a file name\n", argv[a]);
                return DIFF_USAGE;
            }
            *(argv[a][2] == 'j' ? &junit : &html) = argv[a + 1];
            a++;
        } else if (argv[a][0] == '-' && argv[a][1] != '\0') {
            fprintf(stderr,
                    "interpcheck: diff: unknown option %s\n(usage: interpcheck diff "
                    "OLD.json NEW.json [--junit F] [--html F])\n",
                    argv[a]);
            return DIFF_USAGE;
        } else if (np < 2) {
            paths[np++] = argv[a];
        } else {
            fprintf(stderr, "interpcheck: diff: takes two reports, OLD.json NEW.json\n");
            return DIFF_USAGE;
        }
    }
    if (np != 2) {
        fprintf(stderr, "interpcheck: diff: takes two reports, OLD.json NEW.json\n");
        return DIFF_USAGE;
    }
    memset(raw, 0, sizeof raw);
    memset(info, 0, sizeof info);
    for (k = 0; k < 2; k++) {
        if (ic_report_json_read(paths[k], &info[k], &res[k], &n[k], msg, sizeof msg) != 0 ||
            raw_load(paths[k], n[k], &raw[k], msg, sizeof msg) != 0) {
            fprintf(stderr, "interpcheck: diff: %s\n", msg);
            rc = DIFF_LOAD;
            goto out;
        }
    }
    compare_members(raw[0].root, raw[1].root, "", top_parts, &rd, &nrd);
    compare_members(cJSON_GetObjectItemCaseSensitive(raw[0].root, "run"),
                    cJSON_GetObjectItemCaseSensitive(raw[1].root, "run"), "run.", volatile_keys,
                    &rd, &nrd);
    compare_members(cJSON_GetObjectItemCaseSensitive(raw[0].root, "summary"),
                    cJSON_GetObjectItemCaseSensitive(raw[1].root, "summary"), "summary.",
                    summary_counts, &rd, &nrd);
    if (ic_diff_compute(res[0], n[0], raw[0].causes, res[1], n[1], raw[1].causes, &d) != 0) {
        fprintf(stderr, "interpcheck: diff: out of memory\n");
        rc = DIFF_LOAD;
        goto out;
    }
    for (i = 0; i < d.n; i++) {
        regressions += (size_t)ic_diff_is_regression(d.entries[i].change);
    }
    print_console(stdout, paths[0], paths[1], &d, rd, nrd, regressions);
    if (junit != NULL &&
        write_junit(junit, paths[0], paths[1], &d, rd, nrd, regressions, msg, sizeof msg)) {
        fprintf(stderr, "interpcheck: diff: %s\n", msg);
        rc = DIFF_LOAD;
    }
    if (html != NULL &&
        write_html(html, paths[0], paths[1], &d, rd, nrd, regressions, msg, sizeof msg)) {
        fprintf(stderr, "interpcheck: diff: %s\n", msg);
        rc = DIFF_LOAD;
    }
    if (rc == DIFF_OK && regressions > 0) {
        rc = DIFF_REGRESSION;
    }
    ic_diff_free(&d);
out:
    for (i = 0; i < nrd; i++) {
        free(rd[i].key);
        free(rd[i].old_v);
        free(rd[i].new_v);
    }
    free(rd);
    for (k = 0; k < 2; k++) {
        ic_results_free(res[k], n[k]);
        ic_run_info_free(&info[k]);
        if (raw[k].root != NULL) {
            raw_free(&raw[k]);
        }
    }
    return rc;
}
