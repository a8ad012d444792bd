/* results.c - helpers over the scored results of a run (summaries, freeing, verdict names). */
#include "results.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** Counts verdicts; `exact` counts PASS results that are bit-identical to a torch output. */
void ic_summarize(const ic_case_result *results, size_t n, ic_summary *s)
{
    size_t i;

    s->total = n;
    s->pass = s->exact = s->fail = s->error = s->skip = 0;
    s->xfail = s->xpass = s->profile_pass = 0;
    for (i = 0; i < n; i++) {
        s->xfail += results[i].expect == IC_EXPECT_XFAIL;
        s->xpass += results[i].expect == IC_EXPECT_XPASS;
        s->profile_pass += results[i].verdict == IC_VERDICT_PASS && results[i].profile_pass;
        switch (results[i].verdict) {
        case IC_VERDICT_PASS:
            s->pass++;
            if (results[i].exact) {
                s->exact++;
            }
            break;
        case IC_VERDICT_FAIL:
            s->fail++;
            break;
        case IC_VERDICT_SKIP:
            s->skip++;
            break;
        default:
            s->error++;
            break;
        }
    }
}

/** The cause of a non-passing result, "unexplained" when none was recorded. */
const char *ic_result_cause(const ic_case_result *r)
{
    return r->cause != NULL && r->cause[0] != '\0' ? r->cause : "unexplained";
}

static int cmp_cause(const void *a, const void *b)
{
    const ic_cause_count *x = a, *y = b;

    if (x->cases != y->cases) {
        return x->cases > y->cases ? -1 : 1;
    }
    return strcmp(x->cause, y->cause);
}

/** Causes of the FAIL and ERROR results, most frequent first; see results.h. */
ic_cause_count *ic_cause_counts(const ic_case_result *results, size_t n, size_t *ncauses)
{
    ic_cause_count *rows = malloc((n ? n : 1) * sizeof *rows);
    size_t nr = 0, i, j;

    *ncauses = 0;
    if (rows == NULL) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        const char *c;
        if (results[i].verdict == IC_VERDICT_PASS || results[i].verdict == IC_VERDICT_SKIP) {
            continue;
        }
        c = ic_result_cause(&results[i]);
        for (j = 0; j < nr && strcmp(rows[j].cause, c) != 0; j++) {
        }
        if (j == nr) {
            rows[nr].cause = c;
            rows[nr].cases = 0;
            rows[nr].example = results[i].id;
            nr++;
        }
        rows[j].cases++;
    }
    if (nr == 0) {
        free(rows);
        return NULL;
    }
    qsort(rows, nr, sizeof *rows, cmp_cause);
    *ncauses = nr;
    return rows;
}

/** FAIL + ERROR - XFAIL (+ XPASS when xpass_fails). */
size_t ic_summary_unexpected(const ic_summary *s, int xpass_fails)
{
    size_t bad = s->fail + s->error;

    bad = s->xfail < bad ? bad - s->xfail : 0;
    return bad + (xpass_fails ? s->xpass : 0);
}

/** No FAIL, no ERROR, no profile. */
int ic_summary_conformant(const ic_summary *s, const ic_run_info *info)
{
    return s->fail == 0 && s->error == 0 && (info == NULL || !info->profile);
}

/** Frees every heap member of results[0..n) and the array itself; NULL is fine. */
void ic_results_free(ic_case_result *results, size_t n)
{
    size_t i, t;

    if (results == NULL) {
        return;
    }
    for (i = 0; i < n; i++) {
        free(results[i].id);
        free(results[i].kind);
        free(results[i].message);
        free(results[i].cause);
        free(results[i].cause_candidates);
        for (t = 0; t < results[i].ntags; t++) {
            free(results[i].tags[t]);
        }
        free(results[i].tags);
        free(results[i].heat);
        free(results[i].expect_reason);
    }
    free(results);
}

/** Frees the strings inside info and clears them; info itself stays the caller's. */
void ic_run_info_free(ic_run_info *info)
{
    if (info == NULL) {
        return;
    }
    free(info->harness_version);
    free(info->port_path);
    free(info->port_name);
    free(info->port_version);
    free(info->vectors_dir);
    free(info->manifest_sha256);
    free(info->host);
    free(info->compiler);
    free(info->filters);
    free(info->started);
    free(info->mutation_score);
    free(info->expect_file);
    info->expect_file = NULL;
    free(info->oracle);
    free(info->oracle_provenance);
    for (size_t k = 0; k < info->noracles && k < IC_RUN_MAX_ORACLES; k++) {
        free(info->oracles[k]);
        info->oracles[k] = NULL;
    }
    info->noracles = 0;
    info->oracle = info->oracle_provenance = NULL;
    info->harness_version = info->port_path = info->port_name = info->port_version = NULL;
    info->vectors_dir = info->manifest_sha256 = info->host = info->compiler = NULL;
    info->filters = info->started = info->mutation_score = NULL;
}

/** Returns "PASS", "FAIL", "ERROR" or "SKIP" (and "ERROR" for an unknown value). */
const char *ic_verdict_name(int32_t verdict)
{
    switch (verdict) {
    case IC_VERDICT_PASS:
        return "PASS";
    case IC_VERDICT_FAIL:
        return "FAIL";
    case IC_VERDICT_SKIP:
        return "SKIP";
    default:
        return "ERROR";
    }
}

/** malloc'ed copy of s (NULL for NULL). */
char *ic_strdup(const char *s)
{
    size_t n = s != NULL ? strlen(s) + 1 : 0;
    char *d = s != NULL ? malloc(n) : NULL;

    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}

/** One line of error detail into a caller's buffer. */
void ic_set_msg(char *msg, size_t msg_len, const char *fmt, ...)
{
    va_list ap;

    if (msg == NULL || msg_len == 0) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, msg_len, fmt, ap);
    va_end(ap);
}

/** Isolation words from the two flags. */
const char *ic_run_isolation(const ic_run_info *info)
{
    if (info->no_fork) {
        return "none (--no-fork)";
    }
    return info->no_sandbox ? "fork (--no-sandbox)" : "fork+seccomp";
}

/** Fingerprint counts; see results.h. */
void ic_fingerprint_count(const ic_run_info *info, const ic_case_result *results, size_t n,
                          ic_fingerprint *fp)
{
    size_t i, k, no = info->noracles < IC_RUN_MAX_ORACLES ? info->noracles : IC_RUN_MAX_ORACLES;
    uint32_t every = no >= 32 ? 0xffffffffu : (1u << no) - 1u;
    size_t best = 0, best_k = 0, ties = 0;

    memset(fp, 0, sizeof *fp);
    for (i = 0; i < n; i++) {
        uint32_t m = results[i].oracle_pass & every;
        /* An ERROR against the selected oracle (a refusal torch's other version makes, say)
           counts when some oracle matches it; SKIPs never count. */
        if (results[i].verdict == IC_VERDICT_SKIP ||
            (results[i].verdict == IC_VERDICT_ERROR && m == 0)) {
            continue;
        }
        fp->scored++;
        if (m == every) {
            fp->all++;
        } else if (m == 0) {
            fp->none++;
        }
        for (k = 0; k < no; k++) {
            if (m & (1u << k)) {
                fp->match[k]++;
                if (m == (1u << k)) {
                    fp->only[k]++;
                }
            }
        }
    }
    for (k = 0; k < no; k++) {
        if (fp->only[k] > best) {
            best = fp->only[k];
            best_k = k;
            ties = 0;
        } else if (fp->only[k] == best && best > 0) {
            ties++;
        }
    }
    fp->follows = best == 0 ? -1 : ties > 0 ? -2 : (int)best_k;
}

/** The fingerprint line; see results.h. */
void ic_fingerprint_line(const ic_run_info *info, const ic_fingerprint *fp, char *buf, size_t len)
{
    size_t k, used = 0,
              no = info->noracles < IC_RUN_MAX_ORACLES ? info->noracles : IC_RUN_MAX_ORACLES;

    buf[0] = '\0';
    if (no < 2 || len == 0) {
        return;
    }
    used += (size_t)snprintf(buf, len, "fingerprint:");
    for (k = 0; k < no && used < len; k++) {
        used += (size_t)snprintf(buf + used, len - used, " torch %s %zu,", info->oracles[k],
                                 fp->match[k]);
    }
    if (used < len) {
        used += (size_t)snprintf(buf + used, len - used,
                                 " %s %zu, neither %zu: ", no == 2 ? "both" : "all", fp->all,
                                 fp->none);
    }
    if (used < len) {
        if (fp->follows >= 0) {
            snprintf(buf + used, len - used, "follows torch %s (%zu cases match it alone)",
                     info->oracles[fp->follows], fp->only[fp->follows]);
        } else if (fp->follows == -1) {
            snprintf(buf + used, len - used, "cannot tell (no case matches one version alone)");
        } else {
            snprintf(buf + used, len - used, "mixed (as many cases match each version alone)");
        }
    }
}
