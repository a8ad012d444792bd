/* expect.c - expectations files: parse, match a result to its rule, write one from a run. */
#define _POSIX_C_SOURCE 200809L
#include "expect.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

/* An expectations file larger than this is refused rather than read. */
#define EXPECT_MAX_BYTES ((size_t)64 << 20)

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Copies [s, s+n) into a fresh string. */
static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);

    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static void rule_free(ic_expect_rule *r)
{
    size_t a;

    free(r->pattern);
    free(r->reason);
    for (a = 0; a < r->nalts; a++) {
        free(r->alts[a].kind);
    }
}

/** Frees the rules and the path. */
void ic_expect_free(ic_expectations *e)
{
    size_t i;

    if (e == NULL) {
        return;
    }
    for (i = 0; i < e->nrules; i++) {
        rule_free(&e->rules[i]);
    }
    free(e->rules);
    free(e->path);
    memset(e, 0, sizeof *e);
}

/* Parses "FAIL[:kind]|ERROR[:kind]" (the token [s, s+n)) into r->alts. */
static int parse_verdicts(const char *s, size_t n, ic_expect_rule *r, char *why, size_t why_len)
{
    size_t i = 0;

    while (i <= n) {
        size_t j = i, colon = 0;
        ic_expect_alt *alt;
        while (j < n && s[j] != '|') {
            if (s[j] == ':' && colon == 0) {
                colon = j;
            }
            j++;
        }
        if (r->nalts == IC_EXPECT_MAX_ALTS) {
            snprintf(why, why_len, "more than %d expected verdicts", IC_EXPECT_MAX_ALTS);
            return -1;
        }
        alt = &r->alts[r->nalts];
        {
            size_t vend = colon ? colon : j, vlen = vend - i;
            if (vlen == 4 && strncmp(s + i, "FAIL", 4) == 0) {
                alt->verdict = IC_VERDICT_FAIL;
            } else if (vlen == 5 && strncmp(s + i, "ERROR", 5) == 0) {
                alt->verdict = IC_VERDICT_ERROR;
            } else {
                snprintf(why, why_len,
                         "expected verdict '%.*s' is not FAIL or ERROR (optionally :KIND, "
                         "alternatives joined by '|')",
                         (int)(vlen > 40 ? 40 : vlen), s + i);
                return -1;
            }
            alt->kind = NULL;
            if (colon) {
                if (j == colon + 1) {
                    snprintf(why, why_len, "empty kind after '%.*s:'", (int)vlen, s + i);
                    return -1;
                }
                alt->kind = dup_n(s + colon + 1, j - colon - 1);
                if (alt->kind == NULL) {
                    snprintf(why, why_len, "out of memory");
                    return -1;
                }
            }
        }
        r->nalts++;
        i = j + 1;
    }
    return 0;
}

/** Parses the text line by line; see expect.h for the format. */
int ic_expect_parse(const char *path, const char *text, ic_expectations *e, char *msg,
                    size_t msg_len)
{
    const char *p = text;
    long line = 0;
    size_t cap = 0;
    char why[160];

    memset(e, 0, sizeof *e);
    e->path = ic_strdup(path);
    if (e->path == NULL) {
        ic_set_msg(msg, msg_len, "%s: out of memory", path);
        return -1;
    }
    while (*p != '\0') {
        const char *eol = strchr(p, '\n'), *end, *tok, *q;
        ic_expect_rule r;
        size_t len;

        if (eol == NULL) {
            eol = p + strlen(p);
        }
        line++;
        end = eol;
        while (end > p && is_blank(end[-1])) {
            end--;
        }
        q = p;
        while (q < end && is_blank(*q)) {
            q++;
        }
        p = *eol ? eol + 1 : eol;
        if (q == end || *q == '#') {
            continue;
        }
        memset(&r, 0, sizeof r);
        r.line = line;
        for (tok = q; q < end && !is_blank(*q); q++) {
            if ((unsigned char)*q < 0x20) {
                snprintf(why, sizeof why, "control character in the pattern");
                goto bad;
            }
        }
        r.pattern = dup_n(tok, (size_t)(q - tok));
        while (q < end && is_blank(*q)) {
            q++;
        }
        for (tok = q; q < end && !is_blank(*q); q++) {
        }
        if (q == tok) {
            snprintf(why, sizeof why,
                     "'%.60s' needs an expected verdict (FAIL or ERROR) and a "
                     "reason",
                     r.pattern ? r.pattern : "");
            goto bad;
        }
        if (parse_verdicts(tok, (size_t)(q - tok), &r, why, sizeof why) != 0) {
            goto bad;
        }
        while (q < end && is_blank(*q)) {
            q++;
        }
        if (q == end) {
            snprintf(why, sizeof why,
                     "'%.60s' has no reason (the rest of the line says why "
                     "the difference is expected)",
                     r.pattern ? r.pattern : "");
            goto bad;
        }
        len = (size_t)(end - q);
        r.reason = dup_n(q, len);
        if (r.pattern == NULL || r.reason == NULL) {
            snprintf(why, sizeof why, "out of memory");
            goto bad;
        }
        if (e->nrules == cap) {
            size_t ncap = cap ? 2 * cap : 16;
            ic_expect_rule *grown = realloc(e->rules, ncap * sizeof *grown);
            if (grown == NULL) {
                snprintf(why, sizeof why, "out of memory");
                goto bad;
            }
            e->rules = grown;
            cap = ncap;
        }
        e->rules[e->nrules++] = r;
        continue;
    bad:
        rule_free(&r);
        ic_set_msg(msg, msg_len, "%s:%ld: %s", path, line, why);
        ic_expect_free(e);
        return -1;
    }
    return 0;
}

/** Reads the whole file, then ic_expect_parse. */
int ic_expect_load(const char *path, ic_expectations *e, char *msg, size_t msg_len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL, *grown;
    size_t used = 0, cap = 0, got;
    int rc;

    memset(e, 0, sizeof *e);
    if (f == NULL) {
        ic_set_msg(msg, msg_len, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    do {
        if (used == cap) {
            cap = cap ? 2 * cap : 4096;
            if (cap > EXPECT_MAX_BYTES) {
                ic_set_msg(msg, msg_len, "%s: larger than %zu bytes, refused", path,
                           EXPECT_MAX_BYTES);
                free(buf);
                fclose(f);
                return -1;
            }
            grown = realloc(buf, cap + 1);
            if (grown == NULL) {
                ic_set_msg(msg, msg_len, "%s: out of memory", path);
                free(buf);
                fclose(f);
                return -1;
            }
            buf = grown;
        }
        got = fread(buf + used, 1, cap - used, f);
        used += got;
    } while (got > 0);
    if (ferror(f)) {
        ic_set_msg(msg, msg_len, "%s: read failed: %s", path, strerror(errno));
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    buf[used] = '\0';
    if (strlen(buf) != used) {
        ic_set_msg(msg, msg_len, "%s: contains a NUL byte: not an expectations file", path);
        free(buf);
        return -1;
    }
    rc = ic_expect_parse(path, buf, e, msg, msg_len);
    free(buf);
    return rc;
}

static int alt_matches(const ic_expect_alt *a, const ic_case_result *r)
{
    if (a->verdict != r->verdict) {
        return 0;
    }
    return a->kind == NULL || fnmatch(a->kind, r->kind != NULL ? r->kind : "", 0) == 0;
}

/** First matching rule decides: XFAIL, XPASS, or nothing. */
void ic_expect_apply(ic_expectations *e, ic_case_result *r)
{
    size_t i, a;

    if (e == NULL || r->id == NULL) {
        return;
    }
    for (i = 0; i < e->nrules; i++) {
        ic_expect_rule *rule = &e->rules[i];
        if (!ic_pattern_matches(rule->pattern, r->id, r->tags, r->ntags)) {
            continue;
        }
        rule->hits++;
        free(r->expect_reason);
        r->expect_reason = NULL;
        r->expect = IC_EXPECT_NONE;
        if (r->verdict == IC_VERDICT_PASS) {
            r->expect = IC_EXPECT_XPASS;
        } else {
            for (a = 0; a < rule->nalts; a++) {
                if (alt_matches(&rule->alts[a], r)) {
                    r->expect = IC_EXPECT_XFAIL;
                    break;
                }
            }
        }
        if (r->expect != IC_EXPECT_NONE) {
            r->expect_reason = ic_strdup(rule->reason);
        }
        return;
    }
}

/** Notes on rules that matched nothing. */
void ic_expect_report_stale(FILE *f, const ic_expectations *e, int filtered)
{
    size_t i, unused = 0;

    if (e == NULL) {
        return;
    }
    for (i = 0; i < e->nrules; i++) {
        if (e->rules[i].hits > 0) {
            continue;
        }
        if (!filtered && unused < 20) {
            fprintf(f, "note: %s:%ld: '%s' matched no case of this run\n", e->path,
                    e->rules[i].line, e->rules[i].pattern);
        }
        unused++;
    }
    if (filtered && unused > 0) {
        fprintf(f, "note: %s: %zu rules matched no case of this filtered run\n", e->path, unused);
    } else if (unused > 20) {
        fprintf(f, "note: %s: %zu more rules matched no case\n", e->path, unused - 20);
    }
}

/** XFAIL / XPASS / the verdict. */
const char *ic_outcome_name(const ic_case_result *r)
{
    if (r->expect == IC_EXPECT_XFAIL) {
        return "XFAIL";
    }
    if (r->expect == IC_EXPECT_XPASS) {
        return "XPASS";
    }
    return ic_verdict_name(r->verdict);
}

/** The reason recorded by --write-expect. */
const char *ic_expect_reason_of(const ic_case_result *r)
{
    /* The diagnosis's cause, with the message after it (one line: "cause: message"). */
    static char buf[1200];
    if (r->cause != NULL && r->cause[0] != '\0') {
        snprintf(buf, sizeof buf, "%s: %s", r->cause,
                 r->message != NULL && r->message[0] != '\0' ? r->message
                 : r->kind != NULL                           ? r->kind
                                                             : "");
        return buf;
    }
    if (r->message != NULL && r->message[0] != '\0') {
        return r->message;
    }
    return r->kind != NULL ? r->kind : "recorded by --write-expect";
}

/* Writes s with control characters as spaces (a rule is one line). */
static void put_line_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, f);
    }
}

/** One exact-id rule per FAIL/ERROR. */
int ic_expect_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                    size_t n, char *msg, size_t msg_len)
{
    FILE *f = fopen(path, "w");
    size_t i, count = 0;
    int rc = 0;

    if (f == NULL) {
        ic_set_msg(msg, msg_len, "%s: cannot open for writing: %s", path, strerror(errno));
        return -1;
    }
    for (i = 0; i < n; i++) {
        count += results[i].verdict == IC_VERDICT_FAIL || results[i].verdict == IC_VERDICT_ERROR;
    }
    fprintf(f, "# interpcheck expectations: CASE VERDICT[:KIND] REASON (first match wins;\n"
               "# CASE may be a glob or tag:value; see harness/README.md, 'Expectations').\n");
    fputs("# written by --write-expect from a run of ", f);
    put_line_text(f, info != NULL && info->port_name != NULL ? info->port_name : "a port");
    fputc(' ', f);
    put_line_text(f, info != NULL && info->port_version != NULL ? info->port_version : "");
    fputs(" started ", f);
    put_line_text(f, info != NULL && info->started != NULL ? info->started : "?");
    fprintf(f, ": %zu known differences\n", count);
    for (i = 0; i < n; i++) {
        const ic_case_result *r = &results[i];
        if (r->verdict != IC_VERDICT_FAIL && r->verdict != IC_VERDICT_ERROR) {
            continue;
        }
        put_line_text(f, r->id);
        fprintf(f, " %s", ic_verdict_name(r->verdict));
        if (r->kind != NULL && r->kind[0] != '\0' && strpbrk(r->kind, " \t|") == NULL) {
            fputc(':', f);
            put_line_text(f, r->kind);
        }
        fputc(' ', f);
        put_line_text(f, ic_expect_reason_of(r));
        fputc('\n', f);
    }
    if (ferror(f)) {
        rc = -1;
    }
    if (fclose(f) != 0) {
        rc = -1;
    }
    if (rc != 0) {
        ic_set_msg(msg, msg_len, "%s: write failed: %s", path, strerror(errno));
    }
    return rc;
}
