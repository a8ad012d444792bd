/* report_json.c - the JSON report (cJSON): writer, and the strict reader used to merge shards. */
#include "report.h"
#include "safe_file.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_text.h"
#include "results.h"

#define REPORT_FORMAT "interpcheck-report"
#define REPORT_VERSION 1
/* A report larger than this is refused by the reader rather than read into memory. */
#define REPORT_MAX_BYTES ((size_t)1 << 30)
/* Largest heat-map side the reader accepts (the runner writes at most 64). */
#define HEAT_MAX_SIDE 1024

/* ---- writer ------------------------------------------------------------------------------ */

/* Adds item under name; a NULL item (allocation failure) sets *oom. */
static void add(cJSON *obj, const char *name, cJSON *item, int *oom)
{
    if (item == NULL || obj == NULL || !cJSON_AddItemToObject(obj, name, item)) {
        cJSON_Delete(item);
        *oom = 1;
    }
}

/* JSON has no NaN or infinity: the contract writes every non-finite double as null. */
static cJSON *num_or_null(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

/* Strings go out as valid UTF-8 (a port's message may hold any bytes); NULL becomes null. */
static cJSON *str_or_null(const char *s)
{
    char *clean;
    cJSON *item;

    if (s == NULL) {
        return cJSON_CreateNull();
    }
    clean = ic_report__utf8_clean(s);
    if (clean == NULL) {
        return NULL;
    }
    item = cJSON_CreateString(clean);
    free(clean);
    return item;
}

/* The names of the run's oracles whose bit is set in mask, as a JSON array. */
static cJSON *oracle_names(const ic_run_info *info, uint32_t mask, int *oom)
{
    cJSON *a = cJSON_CreateArray();
    size_t k;

    for (k = 0; a != NULL && k < info->noracles && k < IC_RUN_MAX_ORACLES; k++) {
        if (mask & (1u << k)) {
            cJSON *t = str_or_null(info->oracles[k]);
            if (t == NULL || !cJSON_AddItemToArray(a, t)) {
                cJSON_Delete(t);
                *oom = 1;
            }
        }
    }
    if (a == NULL) {
        *oom = 1;
    }
    return a;
}

/* summary.fingerprint: per oracle the cases passing against it, both/neither, the verdict. */
static cJSON *fingerprint_to_json(const ic_run_info *info, const ic_case_result *results, size_t n,
                                  int *oom)
{
    cJSON *fp = cJSON_CreateObject(), *per = cJSON_CreateObject();
    ic_fingerprint f;
    size_t k;
    char line[512];

    ic_fingerprint_count(info, results, n, &f);
    for (k = 0; k < info->noracles && k < IC_RUN_MAX_ORACLES; k++) {
        add(per, info->oracles[k], cJSON_CreateNumber((double)f.match[k]), oom);
    }
    add(fp, "matches", per, oom);
    add(fp, "scored", cJSON_CreateNumber((double)f.scored), oom);
    add(fp, "all", cJSON_CreateNumber((double)f.all), oom);
    add(fp, "neither", cJSON_CreateNumber((double)f.none), oom);
    add(fp, "follows", str_or_null(f.follows >= 0 ? info->oracles[f.follows] : NULL), oom);
    ic_fingerprint_line(info, &f, line, sizeof line);
    add(fp, "line", cJSON_CreateString(line), oom);
    if (fp == NULL) {
        *oom = 1;
    }
    return fp;
}

static cJSON *run_to_json(const ic_run_info *info, int *oom)
{
    cJSON *run = cJSON_CreateObject();

    add(run, "harness_version", str_or_null(info->harness_version), oom);
    add(run, "port_path", str_or_null(info->port_path), oom);
    add(run, "port_name", str_or_null(info->port_name), oom);
    add(run, "port_version", str_or_null(info->port_version), oom);
    add(run, "port_abi_major", cJSON_CreateNumber(info->port_abi_major), oom);
    add(run, "port_abi_minor", cJSON_CreateNumber(info->port_abi_minor), oom);
    add(run, "abi_major", cJSON_CreateNumber(info->abi_major), oom);
    add(run, "abi_minor", cJSON_CreateNumber(info->abi_minor), oom);
    add(run, "vectors_dir", str_or_null(info->vectors_dir), oom);
    add(run, "manifest_sha256", str_or_null(info->manifest_sha256), oom);
    add(run, "host", str_or_null(info->host), oom);
    add(run, "compiler", str_or_null(info->compiler), oom);
    add(run, "filters", str_or_null(info->filters), oom);
    add(run, "started", str_or_null(info->started), oom);
    add(run, "strict", cJSON_CreateBool(info->strict != 0), oom);
    add(run, "seconds", num_or_null(info->seconds), oom);
    if (info->mutation_score != NULL) {
        add(run, "mutation_score", str_or_null(info->mutation_score), oom);
    }
    if (info->expect_file != NULL) {
        add(run, "expect_file", str_or_null(info->expect_file), oom);
        add(run, "expect_strict", cJSON_CreateBool(info->expect_strict != 0), oom);
    }
    if (info->profile) {
        /* A tolerance profile: the run is labelled non-conformant wherever it is read. */
        cJSON *prof = cJSON_CreateObject();
        add(prof, "atol", num_or_null(info->atol), oom);
        add(prof, "rtol", num_or_null(info->rtol), oom);
        add(prof, "note",
            cJSON_CreateString("non-conformant: a tolerance profile loosens the "
                               "evidence-based bound"),
            oom);
        add(run, "tolerance_profile", prof, oom);
    }
    add(run, "oracle", str_or_null(info->oracle), oom);
    add(run, "oracle_provenance", str_or_null(info->oracle_provenance), oom);
    add(run, "oracles", oracle_names(info, 0xffffffffu, oom), oom);
    add(run, "isolation", cJSON_CreateString(ic_run_isolation(info)), oom);
    add(run, "no_fork", cJSON_CreateBool(info->no_fork != 0), oom);
    add(run, "no_sandbox", cJSON_CreateBool(info->no_sandbox != 0), oom);
    add(run, "shard_k", cJSON_CreateNumber(info->shard_k), oom);
    add(run, "shard_n", cJSON_CreateNumber(info->shard_n), oom);
    if (run == NULL) {
        *oom = 1;
    }
    return run;
}

static cJSON *case_to_json(const ic_run_info *info, const ic_case_result *r, int *oom)
{
    cJSON *c = cJSON_CreateObject(), *tags = cJSON_CreateArray();
    size_t i;

    add(c, "id", str_or_null(r->id), oom);
    add(c, "verdict", cJSON_CreateString(ic_verdict_name(r->verdict)), oom);
    add(c, "exact", cJSON_CreateBool(r->exact != 0), oom);
    add(c, "kind", str_or_null(r->kind), oom);
    add(c, "message", str_or_null(r->message), oom);
    add(c, "cause",
        str_or_null(r->verdict == IC_VERDICT_FAIL || r->verdict == IC_VERDICT_ERROR
                        ? ic_result_cause(r)
                        : NULL),
        oom);
    if (r->cause_candidates != NULL) {
        add(c, "cause_candidates", str_or_null(r->cause_candidates), oom);
    }
    for (i = 0; tags != NULL && i < r->ntags; i++) {
        cJSON *t = str_or_null(r->tags[i]);
        if (t == NULL || !cJSON_AddItemToArray(tags, t)) {
            cJSON_Delete(t);
            *oom = 1;
        }
    }
    add(c, "tags", tags, oom);
    add(c, "max_abs_err", num_or_null(r->max_abs_err), oom);
    add(c, "max_rel_err", num_or_null(r->max_rel_err), oom);
    add(c, "max_ulp", num_or_null(r->max_ulp), oom);
    add(c, "bound", num_or_null(r->bound), oom);
    add(c, "nan_mismatches", cJSON_CreateNumber((double)r->nan_mismatches), oom);
    add(c, "inf_mismatches", cJSON_CreateNumber((double)r->inf_mismatches), oom);
    add(c, "f64_max_abs_err", num_or_null(r->f64_max_abs_err), oom);
    add(c, "torch_f64_max_abs_err", num_or_null(r->torch_f64_max_abs_err), oom);
    add(c, "seconds", num_or_null(r->seconds), oom);
    add(c, "bound_ratio", num_or_null(r->bound_ratio), oom);
    if (r->profile_pass) {
        add(c, "profile_pass", cJSON_CreateBool(1), oom);
    }
    if (r->expect == IC_EXPECT_XFAIL || r->expect == IC_EXPECT_XPASS) {
        add(c, "expect", cJSON_CreateString(r->expect == IC_EXPECT_XFAIL ? "XFAIL" : "XPASS"),
            oom);
        add(c, "expect_reason", str_or_null(r->expect_reason), oom);
    }
    if (info->noracles > 0) {
        add(c, "matches", oracle_names(info, r->oracle_pass, oom), oom);
        add(c, "exact_matches", oracle_names(info, r->oracle_exact, oom), oom);
    }
    if (r->heat != NULL && r->heat_h > 0 && r->heat_w > 0) {
        cJSON *heat = cJSON_CreateObject(), *vals = cJSON_CreateArray();
        size_t k, cells = (size_t)r->heat_h * (size_t)r->heat_w;
        add(heat, "h", cJSON_CreateNumber(r->heat_h), oom);
        add(heat, "w", cJSON_CreateNumber(r->heat_w), oom);
        for (k = 0; vals != NULL && k < cells; k++) {
            cJSON *v = num_or_null(r->heat[k]);
            if (v == NULL || !cJSON_AddItemToArray(vals, v)) {
                cJSON_Delete(v);
                *oom = 1;
            }
        }
        add(heat, "values", vals, oom);
        add(c, "heat", heat, oom);
    }
    if (c == NULL) {
        *oom = 1;
    }
    return c;
}

/** Writes the JSON report (see report.h); strings are written as valid UTF-8. */
int ic_report_json_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                         size_t n, char *msg, size_t msg_len)
{
    cJSON *root = cJSON_CreateObject(), *summary, *cases;
    ic_summary s;
    int oom = 0;
    size_t i;
    char *text;
    ic_safe_file sf;
    FILE *f;
    int rc = 0;

    ic_summarize(results, n, &s);
    add(root, "format", cJSON_CreateString(REPORT_FORMAT), &oom);
    add(root, "report_version", cJSON_CreateNumber(REPORT_VERSION), &oom);
    add(root, "run", run_to_json(info, &oom), &oom);
    summary = cJSON_CreateObject();
    add(summary, "total", cJSON_CreateNumber((double)s.total), &oom);
    add(summary, "pass", cJSON_CreateNumber((double)s.pass), &oom);
    add(summary, "exact", cJSON_CreateNumber((double)s.exact), &oom);
    add(summary, "fail", cJSON_CreateNumber((double)s.fail), &oom);
    add(summary, "error", cJSON_CreateNumber((double)s.error), &oom);
    add(summary, "skip", cJSON_CreateNumber((double)s.skip), &oom);
    add(summary, "xfail", cJSON_CreateNumber((double)s.xfail), &oom);
    add(summary, "xpass", cJSON_CreateNumber((double)s.xpass), &oom);
    add(summary, "profile_pass", cJSON_CreateNumber((double)s.profile_pass), &oom);
    /* Conformance: no FAIL or ERROR (expected ones included), no tolerance profile. */
    add(summary, "conformant", cJSON_CreateBool(ic_summary_conformant(&s, info)), &oom);
    {
        /* {"cause": cases, ...}, most frequent first: what explains the FAILs and ERRORs */
        size_t nc = 0, k;
        ic_cause_count *cc = ic_cause_counts(results, n, &nc);
        cJSON *causes = cJSON_CreateObject();
        for (k = 0; k < nc; k++) {
            add(causes, cc[k].cause, cJSON_CreateNumber((double)cc[k].cases), &oom);
        }
        free(cc);
        add(summary, "causes", causes, &oom);
    }
    if (info->noracles > 1) {
        add(summary, "fingerprint", fingerprint_to_json(info, results, n, &oom), &oom);
    }
    add(root, "summary", summary, &oom);
    cases = cJSON_CreateArray();
    for (i = 0; cases != NULL && i < n; i++) {
        cJSON *c = case_to_json(info, &results[i], &oom);
        if (c != NULL && info->no_fork) {
            add(c, "isolated", cJSON_CreateFalse(), &oom); /* --no-fork: not trusted */
        }
        if (c == NULL || !cJSON_AddItemToArray(cases, c)) {
            cJSON_Delete(c);
            oom = 1;
        }
    }
    add(root, "cases", cases, &oom);
    if (oom || root == NULL) {
        cJSON_Delete(root);
        ic_set_msg(msg, msg_len, "%s: out of memory building the JSON report", path);
        return -1;
    }
    text = cJSON_Print(root);
    cJSON_Delete(root);
    if (text == NULL) {
        ic_set_msg(msg, msg_len, "%s: out of memory printing the JSON report", path);
        return -1;
    }
    if (ic_safe_open(path, &sf, msg, msg_len) != 0) {
        cJSON_free(text);
        return -1;
    }
    f = sf.f;
    if (fputs(text, f) == EOF || fputc('\n', f) == EOF) {
        rc = -1;
    }
    if (ic_safe_commit(&sf, path, 1, msg, msg_len) != 0) {
        rc = -1;
    }
    cJSON_free(text);
    return rc;
}

/* ---- reader ------------------------------------------------------------------------------ */

/* strdup is POSIX, not C99. */

/* Reads the whole file into a NUL-terminated heap buffer. */
static char *slurp(const char *path, size_t *len, char *msg, size_t msg_len)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, used = 0, got;
    char *buf, *grown;

    if (f == NULL) {
        ic_set_msg(msg, msg_len, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    buf = malloc(cap + 1);
    while (buf != NULL) {
        got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (used < cap) {
            break;
        }
        if (cap >= REPORT_MAX_BYTES) {
            ic_set_msg(msg, msg_len, "%s: larger than %zu bytes, refused", path, REPORT_MAX_BYTES);
            free(buf);
            fclose(f);
            return NULL;
        }
        cap *= 2;
        grown = realloc(buf, cap + 1);
        if (grown == NULL) {
            free(buf);
        }
        buf = grown;
    }
    if (buf == NULL) {
        ic_set_msg(msg, msg_len, "%s: out of memory reading the report", path);
        fclose(f);
        return NULL;
    }
    if (ferror(f)) {
        ic_set_msg(msg, msg_len, "%s: read failed: %s", path, strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[used] = '\0';
    *len = used;
    return buf;
}

/* Reader context: the file name and the message buffer for the one line of detail. */
typedef struct rd {
    const char *path;
    char *msg;
    size_t msg_len;
} rd;

/* Optional string member: absent or null gives NULL; anything but a string is refused. */
static int get_str(rd *c, const cJSON *obj, const char *where, const char *name, char **out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, name);

    *out = NULL;
    if (it == NULL || cJSON_IsNull(it)) {
        return 0;
    }
    if (!cJSON_IsString(it)) {
        ic_set_msg(c->msg, c->msg_len, "%s: %s.%s: expected a string or null", c->path, where,
                   name);
        return -1;
    }
    *out = ic_strdup(it->valuestring);
    if (*out == NULL) {
        ic_set_msg(c->msg, c->msg_len, "%s: out of memory", c->path);
        return -1;
    }
    return 0;
}

/* Optional number member: absent or null gives NaN (the writer's encoding of non-finite). */
static int get_num(rd *c, const cJSON *obj, const char *where, const char *name, double *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, name);

    *out = NAN;
    if (it == NULL || cJSON_IsNull(it)) {
        return 0;
    }
    if (!cJSON_IsNumber(it)) {
        ic_set_msg(c->msg, c->msg_len, "%s: %s.%s: expected a number or null", c->path, where,
                   name);
        return -1;
    }
    *out = it->valuedouble;
    return 0;
}

/* Integer member in [0, max]; required says whether absence is an error (else 0). */
static int get_uint(rd *c, const cJSON *obj, const char *where, const char *name, double max,
                    int required, double *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, name);

    *out = 0;
    if (it == NULL && !required) {
        return 0;
    }
    if (it == NULL) {
        ic_set_msg(c->msg, c->msg_len, "%s: %s.%s: missing", c->path, where, name);
        return -1;
    }
    if (!cJSON_IsNumber(it) || !(it->valuedouble >= 0) || it->valuedouble > max ||
        it->valuedouble != floor(it->valuedouble)) {
        ic_set_msg(c->msg, c->msg_len, "%s: %s.%s: expected an integer in [0, %.0f]", c->path,
                   where, name, max);
        return -1;
    }
    *out = it->valuedouble;
    return 0;
}

/* Optional boolean member (a 0/1 number is accepted too); absent gives 0. */
static int get_bool(rd *c, const cJSON *obj, const char *where, const char *name, int32_t *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, name);

    *out = 0;
    if (it == NULL) {
        return 0;
    }
    if (cJSON_IsBool(it)) {
        *out = cJSON_IsTrue(it) ? 1 : 0;
        return 0;
    }
    if (cJSON_IsNumber(it) && (it->valuedouble == 0 || it->valuedouble == 1)) {
        *out = (int32_t)it->valuedouble;
        return 0;
    }
    ic_set_msg(c->msg, c->msg_len, "%s: %s.%s: expected true or false", c->path, where, name);
    return -1;
}

/* run.oracles (optional: reports before the two-oracle vectors have none). */
static int read_oracles(rd *c, const cJSON *a, ic_run_info *info)
{
    const cJSON *e;

    info->noracles = 0;
    if (a == NULL || cJSON_IsNull(a)) {
        return 0;
    }
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) > IC_RUN_MAX_ORACLES) {
        ic_set_msg(c->msg, c->msg_len, "%s: run.oracles: expected at most %d names", c->path,
                   IC_RUN_MAX_ORACLES);
        return -1;
    }
    cJSON_ArrayForEach (e, a) {
        if (!cJSON_IsString(e)) {
            ic_set_msg(c->msg, c->msg_len, "%s: run.oracles: expected strings", c->path);
            return -1;
        }
        info->oracles[info->noracles] = ic_strdup(e->valuestring);
        if (info->oracles[info->noracles++] == NULL) {
            ic_set_msg(c->msg, c->msg_len, "%s: out of memory", c->path);
            return -1;
        }
    }
    return 0;
}

/* cases[].matches / exact_matches -> bit mask over run.oracles (absent: 0). */
static int read_matches(rd *c, const cJSON *a, const ic_run_info *info, const char *where,
                        uint32_t *mask)
{
    const cJSON *e;
    size_t k;

    *mask = 0;
    if (a == NULL || cJSON_IsNull(a)) {
        return 0;
    }
    if (!cJSON_IsArray(a)) {
        ic_set_msg(c->msg, c->msg_len, "%s: %s.matches: expected an array", c->path, where);
        return -1;
    }
    cJSON_ArrayForEach (e, a) {
        int found = 0;
        for (k = 0; cJSON_IsString(e) && k < info->noracles; k++) {
            if (strcmp(e->valuestring, info->oracles[k]) == 0) {
                *mask |= 1u << k;
                found = 1;
            }
        }
        if (!found) {
            ic_set_msg(c->msg, c->msg_len, "%s: %s.matches: not one of run.oracles", c->path,
                       where);
            return -1;
        }
    }
    return 0;
}

static int read_run(rd *c, const cJSON *run, ic_run_info *info)
{
    const cJSON *it;
    double v;

    if (!cJSON_IsObject(run)) {
        ic_set_msg(c->msg, c->msg_len, "%s: run: missing or not an object", c->path);
        return -1;
    }
    if (get_str(c, run, "run", "harness_version", &info->harness_version) ||
        get_str(c, run, "run", "port_path", &info->port_path) ||
        get_str(c, run, "run", "port_name", &info->port_name) ||
        get_str(c, run, "run", "port_version", &info->port_version) ||
        get_str(c, run, "run", "vectors_dir", &info->vectors_dir) ||
        get_str(c, run, "run", "manifest_sha256", &info->manifest_sha256) ||
        get_str(c, run, "run", "host", &info->host) ||
        get_str(c, run, "run", "compiler", &info->compiler) ||
        get_str(c, run, "run", "filters", &info->filters) ||
        get_str(c, run, "run", "started", &info->started) ||
        get_str(c, run, "run", "mutation_score", &info->mutation_score) ||
        get_str(c, run, "run", "expect_file", &info->expect_file) ||
        get_bool(c, run, "run", "expect_strict", &info->expect_strict) ||
        get_str(c, run, "run", "oracle", &info->oracle) ||
        get_str(c, run, "run", "oracle_provenance", &info->oracle_provenance) ||
        read_oracles(c, cJSON_GetObjectItemCaseSensitive(run, "oracles"), info) ||
        get_bool(c, run, "run", "strict", &info->strict) ||
        get_num(c, run, "run", "seconds", &info->seconds)) {
        return -1;
    }
    if (get_uint(c, run, "run", "port_abi_major", UINT32_MAX, 0, &v)) {
        return -1;
    }
    info->port_abi_major = (uint32_t)v;
    if (get_uint(c, run, "run", "port_abi_minor", UINT32_MAX, 0, &v)) {
        return -1;
    }
    info->port_abi_minor = (uint32_t)v;
    if (get_uint(c, run, "run", "abi_major", UINT32_MAX, 0, &v)) {
        return -1;
    }
    info->abi_major = (uint32_t)v;
    if (get_uint(c, run, "run", "abi_minor", UINT32_MAX, 0, &v)) {
        return -1;
    }
    info->abi_minor = (uint32_t)v;
    if (get_bool(c, run, "run", "no_fork", &info->no_fork) ||
        get_bool(c, run, "run", "no_sandbox", &info->no_sandbox) ||
        get_uint(c, run, "run", "shard_n", 4096, 0, &v)) {
        return -1;
    }
    info->shard_n = (int32_t)v;
    if (get_uint(c, run, "run", "shard_k", info->shard_n, 0, &v)) {
        return -1;
    }
    info->shard_k = (int32_t)v;
    it = cJSON_GetObjectItemCaseSensitive(run, "tolerance_profile");
    if (it != NULL && !cJSON_IsNull(it)) {
        if (!cJSON_IsObject(it) || get_num(c, it, "run.tolerance_profile", "atol", &info->atol) ||
            get_num(c, it, "run.tolerance_profile", "rtol", &info->rtol) || !(info->atol >= 0) ||
            !(info->rtol >= 0)) {
            ic_set_msg(c->msg, c->msg_len,
                       "%s: run.tolerance_profile: expected "
                       "{\"atol\": number >= 0, \"rtol\": number >= 0}",
                       c->path);
            return -1;
        }
        info->profile = 1;
    }
    return 0;
}

static int read_verdict(rd *c, const cJSON *it, const char *where, int32_t *out)
{
    static const char *const names[] = {"PASS", "FAIL", "ERROR", "SKIP"};
    static const int32_t values[] = {IC_VERDICT_PASS, IC_VERDICT_FAIL, IC_VERDICT_ERROR,
                                     IC_VERDICT_SKIP};
    size_t i;

    if (cJSON_IsString(it)) {
        for (i = 0; i < sizeof names / sizeof names[0]; i++) {
            if (strcmp(it->valuestring, names[i]) == 0) {
                *out = values[i];
                return 0;
            }
        }
    }
    ic_set_msg(c->msg, c->msg_len,
               "%s: %s.verdict: expected \"PASS\", \"FAIL\", \"ERROR\" or "
               "\"SKIP\"",
               c->path, where);
    return -1;
}

static int read_heat(rd *c, const cJSON *heat, const char *where, ic_case_result *r)
{
    const cJSON *vals, *v;
    double h, w;
    size_t cells, k = 0;
    char hw[64];

    if (heat == NULL || cJSON_IsNull(heat)) {
        return 0;
    }
    if (!cJSON_IsObject(heat)) {
        ic_set_msg(c->msg, c->msg_len, "%s: %s.heat: expected an object or null", c->path, where);
        return -1;
    }
    snprintf(hw, sizeof hw, "%s.heat", where);
    if (get_uint(c, heat, hw, "h", HEAT_MAX_SIDE, 1, &h) ||
        get_uint(c, heat, hw, "w", HEAT_MAX_SIDE, 1, &w)) {
        return -1;
    }
    cells = (size_t)h * (size_t)w;
    vals = cJSON_GetObjectItemCaseSensitive(heat, "values");
    if (h < 1 || w < 1 || !cJSON_IsArray(vals) || (size_t)cJSON_GetArraySize(vals) != cells) {
        ic_set_msg(c->msg, c->msg_len, "%s: %s.heat: need h, w >= 1 and an array of h*w values",
                   c->path, where);
        return -1;
    }
    r->heat = malloc(cells * sizeof *r->heat);
    if (r->heat == NULL) {
        ic_set_msg(c->msg, c->msg_len, "%s: out of memory", c->path);
        return -1;
    }
    r->heat_h = (int32_t)h;
    r->heat_w = (int32_t)w;
    cJSON_ArrayForEach (v, vals) {
        if (cJSON_IsNull(v)) {
            r->heat[k++] = NAN;
        } else if (cJSON_IsNumber(v)) {
            r->heat[k++] = (float)v->valuedouble;
        } else {
            ic_set_msg(c->msg, c->msg_len, "%s: %s.heat.values[%zu]: expected a number or null",
                       c->path, where, k);
            return -1;
        }
    }
    return 0;
}

static int read_case(rd *c, const cJSON *jc, size_t idx, const ic_run_info *info,
                     ic_case_result *r)
{
    char where[48];
    const cJSON *it, *tag;
    size_t nt;

    snprintf(where, sizeof where, "cases[%zu]", idx);
    if (!cJSON_IsObject(jc)) {
        ic_set_msg(c->msg, c->msg_len, "%s: %s: expected an object", c->path, where);
        return -1;
    }
    it = cJSON_GetObjectItemCaseSensitive(jc, "id");
    if (!cJSON_IsString(it) || it->valuestring[0] == '\0') {
        ic_set_msg(c->msg, c->msg_len, "%s: %s.id: missing or not a non-empty string", c->path,
                   where);
        return -1;
    }
    if (get_str(c, jc, where, "id", &r->id) ||
        read_verdict(c, cJSON_GetObjectItemCaseSensitive(jc, "verdict"), where, &r->verdict) ||
        get_bool(c, jc, where, "exact", &r->exact) || get_str(c, jc, where, "kind", &r->kind) ||
        get_str(c, jc, where, "message", &r->message) ||
        get_str(c, jc, where, "cause", &r->cause) ||
        get_str(c, jc, where, "cause_candidates", &r->cause_candidates) ||
        get_num(c, jc, where, "max_abs_err", &r->max_abs_err) ||
        get_num(c, jc, where, "max_rel_err", &r->max_rel_err) ||
        get_num(c, jc, where, "max_ulp", &r->max_ulp) ||
        get_num(c, jc, where, "bound", &r->bound) ||
        get_num(c, jc, where, "f64_max_abs_err", &r->f64_max_abs_err) ||
        get_num(c, jc, where, "torch_f64_max_abs_err", &r->torch_f64_max_abs_err) ||
        get_num(c, jc, where, "seconds", &r->seconds) ||
        get_num(c, jc, where, "bound_ratio", &r->bound_ratio) ||
        get_bool(c, jc, where, "profile_pass", &r->profile_pass) ||
        get_str(c, jc, where, "expect_reason", &r->expect_reason) ||
        read_matches(c, cJSON_GetObjectItemCaseSensitive(jc, "matches"), info, where,
                     &r->oracle_pass) ||
        read_matches(c, cJSON_GetObjectItemCaseSensitive(jc, "exact_matches"), info, where,
                     &r->oracle_exact)) {
        return -1;
    }
    {
        double v;
        if (get_uint(c, jc, where, "nan_mismatches", 9007199254740992.0, 0, &v)) {
            return -1;
        }
        r->nan_mismatches = (int64_t)v;
        if (get_uint(c, jc, where, "inf_mismatches", 9007199254740992.0, 0, &v)) {
            return -1;
        }
        r->inf_mismatches = (int64_t)v;
    }
    it = cJSON_GetObjectItemCaseSensitive(jc, "expect");
    if (it != NULL && !cJSON_IsNull(it)) {
        if (cJSON_IsString(it) && strcmp(it->valuestring, "XFAIL") == 0 &&
            r->verdict != IC_VERDICT_PASS && r->verdict != IC_VERDICT_SKIP) {
            r->expect = IC_EXPECT_XFAIL;
        } else if (cJSON_IsString(it) && strcmp(it->valuestring, "XPASS") == 0 &&
                   r->verdict == IC_VERDICT_PASS) {
            r->expect = IC_EXPECT_XPASS;
        } else {
            ic_set_msg(c->msg, c->msg_len,
                       "%s: %s.expect: expected \"XFAIL\" on a FAIL/ERROR "
                       "or \"XPASS\" on a PASS",
                       c->path, where);
            return -1;
        }
    }
    it = cJSON_GetObjectItemCaseSensitive(jc, "tags");
    if (!cJSON_IsArray(it)) {
        ic_set_msg(c->msg, c->msg_len, "%s: %s.tags: missing or not an array", c->path, where);
        return -1;
    }
    nt = (size_t)cJSON_GetArraySize(it);
    r->tags = calloc(nt == 0 ? 1 : nt, sizeof *r->tags);
    if (r->tags == NULL) {
        ic_set_msg(c->msg, c->msg_len, "%s: out of memory", c->path);
        return -1;
    }
    cJSON_ArrayForEach (tag, it) {
        if (!cJSON_IsString(tag)) {
            ic_set_msg(c->msg, c->msg_len, "%s: %s.tags[%zu]: expected a string", c->path, where,
                       r->ntags);
            return -1;
        }
        r->tags[r->ntags] = ic_strdup(tag->valuestring);
        if (r->tags[r->ntags] == NULL) {
            ic_set_msg(c->msg, c->msg_len, "%s: out of memory", c->path);
            return -1;
        }
        r->ntags++;
    }
    return read_heat(c, cJSON_GetObjectItemCaseSensitive(jc, "heat"), where, r);
}

/* The summary must be present, well typed, and agree with the cases it summarises. */
static int check_summary(rd *c, const cJSON *js, const ic_case_result *res, size_t n)
{
    static const char *const names[] = {"total", "pass",  "exact", "fail",        "error",
                                        "skip",  "xfail", "xpass", "profile_pass"};
    ic_summary s;
    size_t want[9], i;
    double v;

    if (!cJSON_IsObject(js)) {
        ic_set_msg(c->msg, c->msg_len, "%s: summary: missing or not an object", c->path);
        return -1;
    }
    ic_summarize(res, n, &s);
    want[0] = s.total;
    want[1] = s.pass;
    want[2] = s.exact;
    want[3] = s.fail;
    want[4] = s.error;
    want[5] = s.skip;
    want[6] = s.xfail;
    want[7] = s.xpass;
    want[8] = s.profile_pass;
    for (i = 0; i < 9; i++) {
        /* The last three came with expectations and profiles: optional in older reports. */
        if (get_uint(c, js, "summary", names[i], 9007199254740992.0, i < 6, &v)) {
            return -1;
        }
        if (i >= 6 && cJSON_GetObjectItemCaseSensitive(js, names[i]) == NULL) {
            continue;
        }
        if ((size_t)v != want[i]) {
            ic_set_msg(c->msg, c->msg_len, "%s: summary.%s is %.0f but the cases give %zu",
                       c->path, names[i], v, want[i]);
            return -1;
        }
    }
    return 0;
}

/** Reads a JSON report (see report.h); refuses anything malformed with one line in msg. */
int ic_report_json_read(const char *path, ic_run_info *info, ic_case_result **results, size_t *n,
                        char *msg, size_t msg_len)
{
    rd c = {path, msg, msg_len};
    const char *end = NULL;
    const cJSON *it, *jc;
    ic_case_result *res = NULL;
    size_t len = 0, count = 0, i = 0;
    cJSON *root;
    char *text;

    *results = NULL;
    *n = 0;
    memset(info, 0, sizeof *info);
    text = slurp(path, &len, msg, msg_len);
    if (text == NULL) {
        return -1;
    }
    root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (root == NULL) {
        ic_set_msg(msg, msg_len, "%s: not valid JSON (error near byte %ld of %zu)", path,
                   end != NULL ? (long)(end - text) : -1L, len);
        free(text);
        return -1;
    }
    free(text);
    if (!cJSON_IsObject(root)) {
        ic_set_msg(msg, msg_len, "%s: top level is not an object", path);
        goto fail;
    }
    it = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!cJSON_IsString(it) || strcmp(it->valuestring, REPORT_FORMAT) != 0) {
        ic_set_msg(msg, msg_len, "%s: format: expected \"%s\"", path, REPORT_FORMAT);
        goto fail;
    }
    it = cJSON_GetObjectItemCaseSensitive(root, "report_version");
    if (!cJSON_IsNumber(it) || it->valuedouble != REPORT_VERSION) {
        ic_set_msg(msg, msg_len, "%s: report_version: expected %d", path, REPORT_VERSION);
        goto fail;
    }
    if (read_run(&c, cJSON_GetObjectItemCaseSensitive(root, "run"), info)) {
        goto fail;
    }
    it = cJSON_GetObjectItemCaseSensitive(root, "cases");
    if (!cJSON_IsArray(it)) {
        ic_set_msg(msg, msg_len, "%s: cases: missing or not an array", path);
        goto fail;
    }
    count = (size_t)cJSON_GetArraySize(it);
    res = calloc(count == 0 ? 1 : count, sizeof *res);
    if (res == NULL) {
        ic_set_msg(msg, msg_len, "%s: out of memory", path);
        goto fail;
    }
    cJSON_ArrayForEach (jc, it) {
        int bad = read_case(&c, jc, i, info, &res[i]);
        i++; /* res[i - 1] now owns whatever it got, complete or not */
        if (bad) {
            goto fail;
        }
    }
    if (check_summary(&c, cJSON_GetObjectItemCaseSensitive(root, "summary"), res, count)) {
        goto fail;
    }
    cJSON_Delete(root);
    *results = res;
    *n = count;
    return 0;

fail:
    cJSON_Delete(root);
    ic_results_free(res, i);
    ic_run_info_free(info);
    return -1;
}
