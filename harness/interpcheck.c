/* interpcheck.c - the command line: score a port against the vectors, or merge shard reports. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cause.h"
#include "console.h"
#include "diff.h"
#include "expect.h"
#include "filter.h"
#include "ic_port.h"
#include "locate.h"
#include "manifest.h"
#include "port_loader.h"
#include "report.h"
#include "results.h"
#include "run.h"
#include "sandbox.h"
#include "supervisor.h"

#define IC_HARNESS_VERSION "1.0.0"

#ifdef IC_NO_REPORTS
/* Built before harness/report.mk existed: reports are refused with one clear line. */
int ic_report_json_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                         size_t n, char *msg, size_t msg_len)
{
    (void)path, (void)info, (void)results, (void)n;
    snprintf(msg, msg_len, "built without the report writers (harness/report.mk)");
    return -1;
}

int ic_report_json_read(const char *path, ic_run_info *info, ic_case_result **results, size_t *n,
                        char *msg, size_t msg_len)
{
    (void)path, (void)info, (void)results, (void)n;
    snprintf(msg, msg_len, "built without the report writers (harness/report.mk)");
    return -1;
}

int ic_report_junit_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                          size_t n, char *msg, size_t msg_len)
{
    return ic_report_json_write(path, info, results, n, msg, msg_len);
}

int ic_report_html_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                         size_t n, char *msg, size_t msg_len)
{
    return ic_report_json_write(path, info, results, n, msg, msg_len);
}
#endif

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_LOAD = 3 };

static const char usage_text[] =
    "usage: interpcheck --port PORT.so [options]\n"
    "       interpcheck merge OUT.json IN1.json IN2.json ... [--junit F] [--html F]\n"
    "       interpcheck diff OLD.json NEW.json [--junit F] [--html F]\n"
    "\n"
    "Scores a port (a shared object exporting ic_port_entry_v1, see harness/include/ic_port.h)\n"
    "against PyTorch's interpolate vectors (torch 2.14.1 by default, or torch 1.13.1), and\n"
    "prints which torch version the port's outputs follow. Each case runs in a forked child with "
    "a\n"
    "timeout, its input read-only between guard pages and its output between guard pages and\n"
    "pre-filled with a sentinel. The port's stdout and stderr go to /dev/null.\n"
    "\n"
    "options:\n"
    "  --port PATH.so      the port to score (required)\n"
    "  --vectors DIR       the vector set (default: $INTERPCHECK_VECTORS, else the installed\n"
    "                      BINDIR/../share/interpcheck/vectors, else ./vectors)\n"
    "  --vectors DIR       the vector set (default: vectors)\n"
    "  --torch VERSION     the oracle the verdicts are against: 2.14 or 1.13 (default: the\n"
    "                      newest in the vectors); the fingerprint line compares with the rest\n"
    "  --include PAT       only cases matching PAT (repeatable, OR'ed): an fnmatch glob on the\n"
    "                      id, or on the tags when PAT has a ':' (e.g. 'mode:bi*', 'dims:2')\n"
    "  --exclude PAT       drop cases matching PAT (repeatable; wins over --include)\n"
    "  --strict            PASS only when bit-identical to torch's canonical output\n"
    "  --json FILE         write the JSON report (also --junit FILE, --html FILE)\n"
    "  --expect FILE       known differences (harness/README.md 'Expectations'): a FAIL or\n"
    "                      ERROR a rule names is XFAIL, a PASS it names is XPASS\n"
    "  --expect-strict     an XPASS fails the run (the rule is stale: delete it)\n"
    "  --write-expect FILE write an expectations file from this run's FAIL/ERROR cases\n"
    "  --atol A --rtol R   a tolerance profile (torch.testing.assert_close's rule): float\n"
    "                      elements within A + R*|torch| also pass. NOT conformance: every\n"
    "                      report says so, and still shows err/bound against the\n"
    "                      evidence-based bound\n"
    "  --jobs N            run N children at a time (default 1)\n"
    "  --timeout S         seconds per case, fractions allowed (default 5)\n"
    "  --no-fork           run cases in this process (for gdb; no isolation, port output shown;\n"
    "                      every report says the verdicts are not trusted)\n"
    "  --no-sandbox        case children without the seccomp filter (every report says so)\n"
    "  --allow-fp-env      score a port whose loading changes the floating-point environment\n"
    "                      (flush-to-zero...) in that mode instead of refusing it\n"
    "  --no-whatif         name causes from patterns only, without re-running failing calls\n"
    "                      under the reference's what-if semantics (faster on huge failures)\n"
    "  --shard K/N         run the K-th of N deterministic shards (round-robin by sorted id)\n"
    "  --list              print the ids the filters select, and exit\n"
    "  --quiet             no per-case lines, no matrix: only the totals\n"
    "  --verbose           also print SKIP and PASS lines\n"
    "  --version, --help\n"
    "\n"
    "exit status: 0 no FAIL and no ERROR (other than XFAIL; no XPASS with --expect-strict);\n"
    "1 some; 2 usage; 3 cannot load the port, the vectors or the expectations.\n"
    "diff lists new failures, fixes, changed verdicts, kinds and causes, and the run records\n"
    "(port, vectors, oracle...) that differ; exit 1 on a regression (a new failure or a\n"
    "changed verdict or kind).\n"
    "\n"
    "examples:\n"
    "  interpcheck --port build/ports/reference.so --strict --jobs 2\n"
    "  interpcheck --port ./my.so --torch 1.13 --json r113.json\n"
    "  interpcheck --port ./my.so --include 'mode:bilinear' --exclude '*_f64_*' --html r.html\n"
    "  interpcheck --port ./my.so --include 'bicubic_ac0_*' --no-fork   # under gdb\n"
    "  interpcheck --port ./my.so --shard 1/2 --json s1.json & \\\n"
    "  interpcheck --port ./my.so --shard 2/2 --json s2.json; wait\n"
    "  interpcheck merge all.json s1.json s2.json --html all.html\n"
    "  interpcheck --port ./my.so --write-expect known.txt; interpcheck --port ./my.so \\\n"
    "      --expect known.txt --json new.json && interpcheck diff old.json new.json\n";

static int usage_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints "interpcheck: <message>" and the --help pointer; returns the usage status. */
static int usage_error(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "interpcheck: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(try interpcheck --help)\n");
    return EXIT_USAGE;
}

/* Seconds the load probe may take: the case timeout, but at least 10 s (dlopen of a large
   port and its libraries). */
static double load_timeout(double case_timeout)
{
    return case_timeout > 10.0 ? case_timeout : 10.0;
}

/* Appends " text" to a heap string. */
static void append(char **s, const char *a, const char *b)
{
    size_t old = *s ? strlen(*s) : 0;
    size_t add = strlen(a) + strlen(b) + 2;
    char *n = realloc(*s, old + add);

    if (n == NULL) {
        return;
    }
    snprintf(n + old, add, "%s%s%s", old ? " " : "", a, b);
    *s = n;
}

static void fill_run_info(ic_run_info *info, const char *port_path, const ic_port *p,
                          const ic_manifest *m, const char *vectors, const char *filters,
                          int strict)
{
    struct utsname u;
    char buf[512];
    time_t now = time(NULL);
    struct tm tmv;

    memset(info, 0, sizeof *info);
    info->harness_version = ic_strdup(IC_HARNESS_VERSION);
    info->port_path = ic_strdup(port_path);
    info->port_name = ic_strdup(p ? p->name : "");
    info->port_version = ic_strdup(p ? p->version : "");
    info->port_abi_major = p ? p->abi_major : 0;
    info->port_abi_minor = p ? p->abi_minor : 0;
    info->abi_major = IC_ABI_MAJOR;
    info->abi_minor = IC_ABI_MINOR;
    info->vectors_dir = ic_strdup(vectors);
    info->manifest_sha256 = ic_strdup(m->sha256);
    if (uname(&u) == 0) {
        snprintf(buf, sizeof buf, "%s %s %s %s", u.nodename, u.sysname, u.release, u.machine);
        info->host = ic_strdup(buf);
    } else {
        info->host = ic_strdup("unknown");
    }
#ifdef __VERSION__
    info->compiler = ic_strdup(__VERSION__);
#else
    info->compiler = ic_strdup("unknown");
#endif
    info->filters = ic_strdup(filters ? filters : "");
    gmtime_r(&now, &tmv);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tmv);
    info->started = ic_strdup(buf);
    info->strict = strict;
    if (m->noracles > 0) {
        size_t k;
        info->oracle = ic_strdup(m->oracles[m->oracle].name);
        info->oracle_provenance = ic_strdup(m->oracles[m->oracle].provenance);
        for (k = 0; k < m->noracles && k < IC_RUN_MAX_ORACLES; k++) {
            info->oracles[k] = ic_strdup(m->oracles[k].name);
        }
        info->noracles = k;
    }
}

/* Prints the oracle and, with two or more oracles, the version fingerprint line. */
static void console_oracle(FILE *out, const ic_run_info *info, const ic_case_result *res, size_t n)
{
    ic_fingerprint fp;
    char line[512];

    if (info->oracle != NULL) {
        fprintf(out, "oracle: torch %s: %s\n", info->oracle,
                info->oracle_provenance ? info->oracle_provenance : "");
    }
    ic_fingerprint_count(info, res, n, &fp);
    ic_fingerprint_line(info, &fp, line, sizeof line);
    if (line[0] != '\0') {
        fprintf(out, "%s\n", line);
    }
}

/* Writes the requested reports; returns 0 or prints one line per failure and returns -1. */
static int write_reports(const char *json, const char *junit, const char *html,
                         const ic_run_info *info, const ic_case_result *res, size_t n)
{
    char msg[512];
    int rc = 0;

    if (json != NULL && ic_report_json_write(json, info, res, n, msg, sizeof msg) != 0) {
        fprintf(stderr, "interpcheck: %s: %s\n", json, msg);
        rc = -1;
    }
    if (junit != NULL && ic_report_junit_write(junit, info, res, n, msg, sizeof msg) != 0) {
        fprintf(stderr, "interpcheck: %s: %s\n", junit, msg);
        rc = -1;
    }
    if (html != NULL && ic_report_html_write(html, info, res, n, msg, sizeof msg) != 0) {
        fprintf(stderr, "interpcheck: %s: %s\n", html, msg);
        rc = -1;
    }
    return rc;
}

static int cmp_result(const void *a, const void *b)
{
    return strcmp(((const ic_case_result *)a)->id, ((const ic_case_result *)b)->id);
}

/* The filter line without its --shard=K/N word (the shards of one run share the rest). */
static void filters_sans_shard(const char *f, char *out, size_t len)
{
    const char *p = f != NULL ? strstr(f, "--shard=") : NULL;
    size_t pre;

    if (f == NULL) {
        snprintf(out, len, "%s", "");
        return;
    }
    if (p == NULL) {
        snprintf(out, len, "%s", f);
        return;
    }
    pre = (size_t)(p - f);
    p += strcspn(p, " ");
    while (pre > 0 && f[pre - 1] == ' ') {
        pre--;
    }
    snprintf(out, len, "%.*s%s", (int)pre, f, pre > 0 && *p ? p : (*p ? p + 1 : p));
}

static int same_str(const char *a, const char *b)
{
    return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* Is `part` (input number k, file `path`) from the same run as the first input? Prints one
   line and returns -1 when not. */
static int merge_same_run(const ic_run_info *first, const char *first_path,
                          const ic_run_info *part, const char *path)
{
    char fa[1024], fb[1024];

    if (!same_str(first->manifest_sha256, part->manifest_sha256)) {
        fprintf(stderr,
                "interpcheck: merge: %s was run on other vectors than %s (manifest "
                "sha256 %.16s... vs %.16s...)\n",
                path, first_path, part->manifest_sha256 ? part->manifest_sha256 : "?",
                first->manifest_sha256 ? first->manifest_sha256 : "?");
        return -1;
    }
    if (!same_str(first->port_name, part->port_name) ||
        !same_str(first->port_version, part->port_version)) {
        fprintf(stderr, "interpcheck: merge: %s scored another port (%s %s) than %s (%s %s)\n",
                path, part->port_name ? part->port_name : "?",
                part->port_version ? part->port_version : "?", first_path,
                first->port_name ? first->port_name : "?",
                first->port_version ? first->port_version : "?");
        return -1;
    }
    if (first->shard_n != part->shard_n) {
        snprintf(fa, sizeof fa, "shard %d/%d", (int)first->shard_k, (int)first->shard_n);
        snprintf(fb, sizeof fb, "shard %d/%d", (int)part->shard_k, (int)part->shard_n);
        fprintf(stderr, "interpcheck: merge: %s is %s, %s is %s: not one shard set\n", path,
                part->shard_n > 0 ? fb : "a whole run (not sharded)", first_path,
                first->shard_n > 0 ? fa : "a whole run (not sharded)");
        return -1;
    }
    if (!same_str(first->oracle, part->oracle)) {
        fprintf(stderr,
                "interpcheck: merge: %s was scored against torch %s, %s against torch %s\n", path,
                part->oracle ? part->oracle : "?", first_path,
                first->oracle ? first->oracle : "?");
        return -1;
    }
    if (first->strict != part->strict) {
        fprintf(stderr, "interpcheck: merge: %s and %s differ in --strict\n", path, first_path);
        return -1;
    }
    filters_sans_shard(first->filters, fa, sizeof fa);
    filters_sans_shard(part->filters, fb, sizeof fb);
    if (first->shard_n > 0 && strcmp(fa, fb) != 0) {
        fprintf(stderr, "interpcheck: merge: %s ran with other filters (%s) than %s (%s)\n", path,
                fb[0] ? fb : "none", first_path, fa[0] ? fa : "none");
        return -1;
    }
    return 0;
}

/* interpcheck merge OUT.json IN.json... [--junit F] [--html F]: refuses a duplicate case, a
   shard given twice or missing, and inputs from different runs (vectors, port, shard count). */
static int merge_main(int argc, char **argv)
{
    const char *out = NULL, *junit = NULL, *html = NULL, *first_path = NULL;
    ic_run_info info, part;
    ic_case_result *all = NULL, *res;
    size_t nall = 0, n, i, nin = 0;
    unsigned char *seen = NULL;
    char msg[512];
    ic_summary s;
    int a, rc, info_strict, no_fork = 0, no_sandbox = 0;

    memset(&info, 0, sizeof info);
    for (a = 2; a < argc; a++) {
        if (strcmp(argv[a], "--junit") == 0 || strcmp(argv[a], "--html") == 0) {
            if (a + 1 >= argc) {
                ic_results_free(all, nall);
                ic_run_info_free(&info);
                free(seen);
                return usage_error("%s needs a file name", argv[a]);
            }
            *(argv[a][2] == 'j' ? &junit : &html) = argv[a + 1];
            a++;
            continue;
        }
        if (argv[a][0] == '-' && argv[a][1] == '-') {
            ic_results_free(all, nall);
            ic_run_info_free(&info);
            free(seen);
            return usage_error("merge: unknown option %s", argv[a]);
        }
        if (out == NULL) {
            out = argv[a];
            continue;
        }
        if (ic_report_json_read(argv[a], &part, &res, &n, msg, sizeof msg) != 0) {
            fprintf(stderr, "interpcheck: merge: %s: %s\n", argv[a], msg);
            ic_results_free(all, nall);
            ic_run_info_free(&info);
            free(seen);
            return EXIT_LOAD;
        }
        if (nin > 0 && merge_same_run(&info, first_path, &part, argv[a]) != 0) {
            ic_results_free(res, n);
            ic_run_info_free(&part);
            ic_results_free(all, nall);
            ic_run_info_free(&info);
            free(seen);
            return EXIT_LOAD;
        }
        if (part.shard_n > 0) {
            if (seen == NULL) {
                seen = calloc((size_t)part.shard_n + 1, 1);
            }
            if (seen != NULL && part.shard_k >= 1 && seen[part.shard_k]++) {
                fprintf(stderr, "interpcheck: merge: shard %d/%d given twice (again in %s)\n",
                        (int)part.shard_k, (int)part.shard_n, argv[a]);
                ic_results_free(res, n);
                ic_run_info_free(&part);
                ic_results_free(all, nall);
                ic_run_info_free(&info);
                free(seen);
                return EXIT_LOAD;
            }
        }
        no_fork |= part.no_fork != 0;
        no_sandbox |= part.no_sandbox != 0;
        if (nin++ == 0) {
            info = part;
            first_path = argv[a];
        } else {
            if (part.seconds > info.seconds) {
                info.seconds = part.seconds;
            }
            ic_run_info_free(&part);
        }
        {
            ic_case_result *grown = realloc(all, (nall + n + 1) * sizeof *all);
            if (grown == NULL) {
                ic_results_free(res, n);
                continue;
            }
            all = grown;
            memcpy(all + nall, res, n * sizeof *res);
            nall += n;
            free(res);
        }
    }
    if (out == NULL || nin == 0) {
        ic_results_free(all, nall);
        ic_run_info_free(&info);
        free(seen);
        return usage_error("merge needs OUT.json and at least one %s", "IN.json");
    }
    if (info.shard_n > 0) {
        int k;
        for (k = 1; k <= info.shard_n; k++) {
            if (seen == NULL || !seen[k]) {
                fprintf(stderr,
                        "interpcheck: merge: incomplete shard set: shard %d/%d is "
                        "missing (%zu of %d given)\n",
                        k, (int)info.shard_n, nin, (int)info.shard_n);
                ic_results_free(all, nall);
                ic_run_info_free(&info);
                free(seen);
                return EXIT_LOAD;
            }
        }
    }
    free(seen);
    qsort(all, nall, sizeof *all, cmp_result);
    ic_cause_resolve(all, nall);
    for (i = 1; i < nall; i++) {
        if (strcmp(all[i].id, all[i - 1].id) == 0) {
            fprintf(stderr,
                    "interpcheck: merge: case %s appears in more than one input; "
                    "refusing to count it twice\n",
                    all[i].id);
            ic_results_free(all, nall);
            ic_run_info_free(&info);
            return EXIT_LOAD;
        }
    }
    {
        char *first = info.filters;
        snprintf(msg, sizeof msg, "merged %zu reports; the first ran with: %s", nin,
                 first != NULL && *first ? first : "(no filters)");
        info.filters = ic_strdup(msg);
        free(first);
    }
    info.no_fork = no_fork;
    info.no_sandbox = no_sandbox;
    info.shard_k = info.shard_n = 0; /* the merged report is the whole set */
    rc = write_reports(out, junit, html, &info, all, nall) == 0 ? EXIT_OK : EXIT_LOAD;
    ic_summarize(all, nall, &s);
    ic_console_causes(stdout, all, nall);
    ic_console_totals(stdout, all, nall, info.seconds);
    info_strict = info.expect_strict;
    ic_results_free(all, nall);
    ic_run_info_free(&info);
    if (rc != EXIT_OK) {
        return rc;
    }
    return ic_summary_unexpected(&s, info_strict) > 0 ? EXIT_FAILED : EXIT_OK;
}

/* Option value: "--opt=value" or "--opt value". Returns NULL when absent. */
static const char *opt_value(int argc, char **argv, int *a, const char *name)
{
    size_t n = strlen(name);

    if (strncmp(argv[*a], name, n) != 0) {
        return NULL;
    }
    if (argv[*a][n] == '=') {
        return argv[*a] + n + 1;
    }
    if (argv[*a][n] == '\0' && *a + 1 < argc) {
        (*a)++;
        return argv[*a];
    }
    return NULL;
}

/* The scoring command; inc/exc have room for argc patterns, *filtersp collects the filter
   options as one line. The caller frees all three. */
static int score_main(int argc, char **argv, const char **inc, const char **exc, char **filtersp)
{
    const char *port_path = NULL, *vectors = NULL, *json = NULL, *junit = NULL;
    const char *html = NULL, *v, *expect_path = NULL, *write_expect = NULL;
    ic_expectations ex;
    int expect_strict = 0, have_atol = 0, have_rtol = 0;
    double atol = 0.0, rtol = 0.0;
    char vbuf[4096];
    const char *torch = NULL;
    ic_run_opts o;
    ic_loaded_port lp;
    ic_manifest m;
    ic_run_info info;
    ic_case_result *res;
    size_t *sel, nsel, i;
    unsigned char *want;
    char msg[1024];
    int list = 0, a, rc, allow_fp_env = 0;
    double t0;
    ic_summary s;

    memset(&o, 0, sizeof o);
    o.jobs = 1;
    o.timeout = 5.0;
    o.out = stdout;
    o.filter.include = inc;
    o.filter.exclude = exc;
    for (a = 1; a < argc; a++) {
        const char *arg = argv[a];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        } else if (strcmp(arg, "--version") == 0) {
            printf("interpcheck %s (port ABI %d.%d, vector formats 1 and 2)\n", IC_HARNESS_VERSION,
                   IC_ABI_MAJOR, IC_ABI_MINOR);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &a, "--port")) != NULL) {
            port_path = v;
        } else if ((v = opt_value(argc, argv, &a, "--vectors")) != NULL) {
            vectors = v;
        } else if ((v = opt_value(argc, argv, &a, "--torch")) != NULL) {
            torch = v;
        } else if ((v = opt_value(argc, argv, &a, "--include")) != NULL) {
            inc[o.filter.ninclude++] = v;
            append(filtersp, "--include=", v);
        } else if ((v = opt_value(argc, argv, &a, "--exclude")) != NULL) {
            exc[o.filter.nexclude++] = v;
            append(filtersp, "--exclude=", v);
        } else if ((v = opt_value(argc, argv, &a, "--json")) != NULL) {
            json = v;
        } else if ((v = opt_value(argc, argv, &a, "--junit")) != NULL) {
            junit = v;
        } else if ((v = opt_value(argc, argv, &a, "--html")) != NULL) {
            html = v;
        } else if ((v = opt_value(argc, argv, &a, "--expect")) != NULL) {
            expect_path = v;
        } else if ((v = opt_value(argc, argv, &a, "--write-expect")) != NULL) {
            write_expect = v;
        } else if (strcmp(arg, "--expect-strict") == 0) {
            expect_strict = 1;
        } else if ((v = opt_value(argc, argv, &a, "--atol")) != NULL ||
                   (v = opt_value(argc, argv, &a, "--rtol")) != NULL) {
            char *end;
            double t = strtod(v, &end);
            int is_atol = strncmp(argv[a - (argv[a] == v)], "--atol", 6) == 0;
            if (*v == '\0' || *end != '\0' || !(t >= 0.0) || !isfinite(t)) {
                return usage_error("%s wants a finite number >= 0, not '%s'",
                                   is_atol ? "--atol" : "--rtol", v);
            }
            *(is_atol ? &atol : &rtol) = t;
            *(is_atol ? &have_atol : &have_rtol) = 1;
        } else if ((v = opt_value(argc, argv, &a, "--jobs")) != NULL) {
            char *end;
            long j = strtol(v, &end, 10);
            if (*v == '\0' || *end != '\0' || j < 1 || j > 64) {
                return usage_error("--jobs wants an integer 1..64, not '%s'", v);
            }
            o.jobs = (int)j;
        } else if ((v = opt_value(argc, argv, &a, "--timeout")) != NULL) {
            char *end;
            o.timeout = strtod(v, &end);
            if (*v == '\0' || *end != '\0' || !(o.timeout > 0.0) || o.timeout > 86400.0) {
                return usage_error("--timeout wants seconds > 0, not '%s'", v);
            }
        } else if ((v = opt_value(argc, argv, &a, "--shard")) != NULL) {
            if (ic_shard_parse(v, &o.filter.shard_k, &o.filter.shard_n) != 0) {
                return usage_error("--shard wants K/N with 1 <= K <= N, not '%s'", v);
            }
            append(filtersp, "--shard=", v);
        } else if (strcmp(arg, "--strict") == 0) {
            o.strict = 1;
        } else if (strcmp(arg, "--no-fork") == 0) {
            o.no_fork = 1;
        } else if (strcmp(arg, "--no-whatif") == 0) {
            ic_cause_set_whatifs(0);
        } else if (strcmp(arg, "--no-sandbox") == 0) {
            o.no_sandbox = 1;
        } else if (strcmp(arg, "--allow-fp-env") == 0) {
            allow_fp_env = 1;
        } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
            o.quiet = 1;
        } else if (strcmp(arg, "--verbose") == 0 || strcmp(arg, "-v") == 0) {
            o.verbose = 1;
        } else if (strcmp(arg, "--list") == 0) {
            list = 1;
        } else {
            return usage_error("unknown option or missing value: %s", arg);
        }
    }
    if (port_path == NULL && !list) {
        return usage_error("%s is required", "--port PATH.so");
    }
    if ((have_atol || have_rtol) && o.strict) {
        return usage_error("--atol/--rtol loosen the bound, --strict asks for bit-identity: "
                           "pick one");
    }
    if (expect_strict && expect_path == NULL) {
        return usage_error("--expect-strict needs --expect FILE");
    }
    if (vectors == NULL) {
        if (ic_locate_vectors(argv[0], vbuf, sizeof vbuf) != 0) {
            fprintf(stderr, "interpcheck: %s\n", vbuf);
            return EXIT_LOAD;
        }
        vectors = vbuf;
    }
    memset(&ex, 0, sizeof ex);
    if (expect_path != NULL && !list) {
        if (ic_expect_load(expect_path, &ex, msg, sizeof msg) != 0) {
            fprintf(stderr, "interpcheck: %s\n", msg);
            return EXIT_LOAD;
        }
        o.expect = &ex;
    }
    o.progress = !o.quiet && isatty(STDERR_FILENO);

    rc = ic_manifest_load_oracle(vectors, torch, &m, msg, sizeof msg);
    if (rc == -2) {
        return usage_error("%s", msg);
    }
    if (rc != 0) {
        fprintf(stderr, "interpcheck: cannot load vectors: %s\n", msg);
        ic_expect_free(&ex);
        return EXIT_LOAD;
    }
    if (m.noracles > 0) {
        /* the diagnosis re-runs the reference as this oracle's torch */
        ic_cause_set_torch(m.oracles[m.oracle].name);
    }
    for (i = 0; (have_atol || have_rtol) && i < m.ncases; i++) {
        m.cases[i].has_profile = 1;
        m.cases[i].prof_atol = atol;
        m.cases[i].prof_rtol = rtol;
    }
    sel = ic_run_select(&m, &o.filter, &nsel);
    if (list) {
        for (i = 0; i < nsel; i++) {
            printf("%s\n", m.cases[sel[i]].id);
        }
        free(sel);
        ic_manifest_free(&m);
        return EXIT_OK;
    }
    /* The harness never runs port code itself: a probe child loads it and reports its
       descriptor; each case child loads it again. Only --no-fork (for gdb) loads it here. */
    if ((o.no_fork ? ic_port_load(port_path, &lp, msg, sizeof msg)
                   : ic_port_probe(port_path,
                                   (o.no_sandbox ? 0 : IC_PROBE_SANDBOX) |
                                       (allow_fp_env ? IC_PROBE_ALLOW_FP_ENV : 0),
                                   load_timeout(o.timeout), &lp, msg, sizeof msg)) != 0) {
        fprintf(stderr, "interpcheck: %s\n", msg);
        free(sel);
        ic_manifest_free(&m);
        ic_expect_free(&ex);
        return EXIT_LOAD;
    }
    if (lp.fp_note[0] != '\0') {
        fprintf(stderr,
                "interpcheck: note: loading the port changes the floating-point "
                "environment (%s); scored in that mode (--allow-fp-env)\n",
                lp.fp_note);
    }
    if (have_atol || have_rtol) {
        printf("NON-CONFORMANT RUN: tolerance profile atol=%.9g rtol=%.9g; its passes are not "
               "conformance\n",
               atol, rtol);
    }
    t0 = ic_now();
    want = calloc(m.ncases ? m.ncases : 1, 1);
    for (i = 0; want != NULL && i < nsel; i++) {
        want[sel[i]] = 1;
    }
    ic_manifest_load_blobs(&m, want);
    free(want);
#ifdef __GLIBC__
    /* Give the parsed JSON's freed heap back: every page the parent keeps mapped is a page
       table entry each per-case fork() copies and each child's exit tears down. */
    malloc_trim(0);
#endif
    fill_run_info(&info, port_path, lp.port, &m, vectors, *filtersp, o.strict);
    info.no_fork = o.no_fork;
    info.no_sandbox = o.no_sandbox;
    info.shard_k = (int32_t)o.filter.shard_k;
    info.shard_n = (int32_t)o.filter.shard_n;
    info.expect_file = ic_strdup(expect_path);
    info.expect_strict = expect_strict;
    info.profile = have_atol || have_rtol;
    info.atol = atol;
    info.rtol = rtol;
    res = ic_run_cases(&o, &lp, &m, sel, nsel);
    if (res == NULL && nsel > 0) {
        fprintf(stderr, "interpcheck: out of memory\n");
        ic_run_info_free(&info);
        free(sel);
        ic_manifest_free(&m);
        ic_port_unload(&lp);
        ic_expect_free(&ex);
        return EXIT_LOAD;
    }
    ic_cause_resolve(res, nsel); /* run-wide choice among equally good what-ifs */
    info.seconds = ic_now() - t0;
    if (!o.quiet) {
        ic_console_matrix(stdout, res, nsel);
        ic_console_causes(stdout, res, nsel);
    }
    ic_console_totals(stdout, res, nsel, info.seconds);
    console_oracle(stdout, &info, res, nsel);
    if (o.no_fork) {
        fprintf(stderr, "interpcheck: --no-fork: the cases ran in this process, not isolated; "
                        "these verdicts are not trusted\n");
    }
    ic_summarize(res, nsel, &s);
    ic_expect_report_stale(stdout, &ex, *filtersp != NULL && **filtersp != '\0');
    if (info.profile) {
        size_t w = nsel;
        for (i = 0; i < nsel; i++) {
            if (res[i].bound_ratio == res[i].bound_ratio &&
                (w == nsel || res[i].bound_ratio > res[w].bound_ratio)) {
                w = i;
            }
        }
        printf("NON-CONFORMANT RUN: tolerance profile atol=%.9g rtol=%.9g; %zu cases pass only "
               "thanks to it; largest err/bound against the evidence-based bound %.4g (%s)\n",
               atol, rtol, s.profile_pass, w < nsel ? res[w].bound_ratio : 0.0,
               w < nsel ? res[w].id : "no float case");
    }
    if (expect_strict && s.xpass > 0) {
        printf("%zu XPASS with --expect-strict: delete the stale rules\n", s.xpass);
    }
    rc = write_reports(json, junit, html, &info, res, nsel);
    if (write_expect != NULL &&
        ic_expect_write(write_expect, &info, res, nsel, msg, sizeof msg) != 0) {
        fprintf(stderr, "interpcheck: %s\n", msg);
        rc = -1;
    }
    ic_results_free(res, nsel);
    ic_run_info_free(&info);
    free(sel);
    ic_manifest_free(&m);
    ic_port_unload(&lp);
    ic_expect_free(&ex);
    if (rc != 0) {
        return EXIT_LOAD;
    }
    return ic_summary_unexpected(&s, expect_strict) > 0 ? EXIT_FAILED : EXIT_OK;
}

/** Entry point: `merge`, or scoring a port. */
int main(int argc, char **argv)
{
    const char **inc, **exc;
    char *filters = NULL;
    int rc;

    if (argc >= 2 && strcmp(argv[1], "merge") == 0) {
        return merge_main(argc, argv);
    }
    if (argc >= 2 && strcmp(argv[1], "diff") == 0) {
        return ic_diff_main(argc, argv);
    }
    inc = calloc((size_t)argc + 1, sizeof *inc);
    exc = calloc((size_t)argc + 1, sizeof *exc);
    if (inc == NULL || exc == NULL) {
        fprintf(stderr, "interpcheck: out of memory\n");
        free(inc);
        free(exc);
        return EXIT_LOAD;
    }
    rc = score_main(argc, argv, inc, exc, &filters);
    free(inc);
    free(exc);
    free(filters);
    return rc;
}
