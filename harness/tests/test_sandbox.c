/* test_sandbox.c - isolation: a throwaway port misbehaves in every way we know, and each
 * misbehaviour must get its verdict and kind while the run carries on. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fixtures.h"
#include "manifest.h"
#include "port_loader.h"
#include "results.h"
#include "run.h"
#include "sandbox.h"
#include "supervisor.h"

Suite *sandbox_suite(void);

static const struct {
    const char *fault;
    const char *case_id;
    int32_t verdict;
    const char *kind;   /* NULL on pass */
    const char *in_msg; /* substring of the message, or NULL */
} rows[] = {
    {"good", "nearest_2_to_4", IC_VERDICT_PASS, NULL, NULL},
    {"good", "error_foo", IC_VERDICT_PASS, NULL, NULL},
    {"print", "nearest_2_to_4", IC_VERDICT_PASS, NULL, NULL},
    {"accept", "error_foo", IC_VERDICT_ERROR, "accepted", "NotImplementedError"},
    {"segv", "nearest_2_to_4", IC_VERDICT_ERROR, "crash", "SIGSEGV"},
    {"abort", "nearest_2_to_4", IC_VERDICT_ERROR, "crash", "SIGABRT"},
    {"past_end", "nearest_2_to_4", IC_VERDICT_ERROR, "oob-write", "past its end"},
    {"before_far", "nearest_2_to_4", IC_VERDICT_ERROR, "oob-write", "before its start"},
    {"before_near", "nearest_2_to_4", IC_VERDICT_ERROR, "oob-write", "before the start"},
    {"read_past", "nearest_2_to_4", IC_VERDICT_ERROR, "oob-read", "past its end"},
    {"mutate", "nearest_2_to_4", IC_VERDICT_ERROR, "input-mutated", NULL},
    {"mprotect_mutate", "nearest_2_to_4", IC_VERDICT_ERROR, "denied", "mprotect"},
    {"kill_parent", "nearest_2_to_4", IC_VERDICT_ERROR, "denied", "system call kill"},
    {"grandchild", "nearest_2_to_4", IC_VERDICT_ERROR, "denied", "clone"},
    {"close_channel", "nearest_2_to_4", IC_VERDICT_ERROR, "channel", "descriptor 3"},
    {"hang", "nearest_2_to_4", IC_VERDICT_ERROR, "timeout", NULL},
    {"exit0", "nearest_2_to_4", IC_VERDICT_ERROR, "exited", NULL},
    {"refuse", "nearest_2_to_4", IC_VERDICT_ERROR, "refused",
     "IC_ERR_VALUE (ValueError) for "
     "a call torch accepts: no really"},
    {"refuse_shape", "nearest_2_to_4", IC_VERDICT_ERROR, "refused", "output_shape"},
    {"internal", "nearest_2_to_4", IC_VERDICT_ERROR, "internal", NULL},
    {"unsupported", "nearest_2_to_4", IC_VERDICT_SKIP, "unsupported", NULL},
    {"skip", "nearest_2_to_4", IC_VERDICT_SKIP, "unsupported", "supports"},
    {"unwritten", "nearest_2_to_4", IC_VERDICT_ERROR, "unwritten", "3 of 4"},
    {"shape", "nearest_2_to_4", IC_VERDICT_FAIL, "shape", "got [1,1,5] want [1,1,4]"},
    {"wrong", "nearest_2_to_4", IC_VERDICT_FAIL, "values", "want 1 (0x1p+0)"},
};

static char *replace(const char *s, const char *from, const char *to)
{
    const char *p = strstr(s, from);
    char *r = malloc(strlen(s) + strlen(to) + 1);

    ck_assert_ptr_nonnull(p);
    memcpy(r, s, (size_t)(p - s));
    strcpy(r + (p - s), to);
    strcat(r, p + strlen(from));
    return r;
}

/* Two cases, hand-checked: nearest [1, 2] -> size 4 is [1, 1, 2, 2] (torch: index
   floor(o * 2/4)); mode 'foo' is a NotImplementedError in torch 1.13. */
static char *build_vectors(void)
{
    static const float want[4] = {1.0f, 1.0f, 2.0f, 2.0f};
    char *dir = fx_dir_new();
    char *a = fx_nearest_case(dir, "nearest_2_to_4", 2, 4, want, "");
    char *b0 = fx_nearest_case(dir, "error_foo", 2, 4, want, "");
    char *b1 = replace(b0, "\"mode\": \"nearest\"", "\"mode\": \"foo\"");
    char *b = replace(b1, "\"error\": null",
                      "\"error\": {\"class\": \"NotImplementedError\","
                      " \"category\": \"not_implemented\", \"message\": \"...\"}");
    char *both = malloc(strlen(a) + strlen(b) + 4);
    char *text;

    sprintf(both, "%s, %s", a, b);
    text = fx_wrap(both);
    fx_manifest(dir, text);
    free(a);
    free(b0);
    free(b1);
    free(b);
    free(both);
    free(text);
    return dir;
}

/* IC_TEST_TIMEOUT_SCALE (set by the Makefile's VALGRIND=1 wrapper) stretches the per-case
   timeout for slow runs; the hang row still times out, only later. */
static double timeout_scale(void)
{
    const char *v = getenv("IC_TEST_TIMEOUT_SCALE");
    double s = v != NULL ? atof(v) : 1.0;

    return s >= 1.0 ? s : 1.0;
}

/* Run rows without the seccomp filter (the flush hook writes a file; some tests look at what
   the port can do when only the process isolation holds). */
static int rows_no_sandbox;

/* Runs the case of row i with the port misbehaving as the row says; checks the verdict, the
   kind (NULL: none) and a substring of the message (NULL: any). */
static void run_case(int i, int no_fork, int jobs, int32_t verdict, const char *kind,
                     const char *in_msg)
{
    const char *port_path = getenv("IC_FAULT_PORT");
    char *dir = build_vectors();
    const char *inc[1];
    ic_loaded_port lp;
    ic_manifest m;
    ic_run_opts o;
    ic_case_result *res;
    size_t *sel, nsel;
    char msg[400];

    ck_assert_msg(port_path != NULL, "set IC_FAULT_PORT to build/harness/tests/fault_port.so");
    setenv("IC_FAULT", rows[i].fault, 1);
    /* As interpcheck does: --no-fork loads the port here, otherwise only a probe child does. */
    if (no_fork) {
        ck_assert_msg(ic_port_load(port_path, &lp, msg, sizeof msg) == 0, "%s", msg);
    } else {
        ck_assert_msg(ic_port_probe(port_path, !rows_no_sandbox, 10.0, &lp, msg, sizeof msg) == 0,
                      "%s", msg);
        ck_assert_ptr_null(lp.handle);
    }
    ck_assert_msg(ic_manifest_load(dir, &m, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_uint_eq(ic_manifest_load_blobs(&m, NULL), 0);
    memset(&o, 0, sizeof o);
    o.no_sandbox = rows_no_sandbox;
    inc[0] = rows[i].case_id;
    o.filter.include = inc;
    o.filter.ninclude = 1;
    o.jobs = jobs;
    o.timeout = 0.5 * timeout_scale();
    o.no_fork = no_fork;
    o.quiet = 1;
    o.out = stdout;
    sel = ic_run_select(&m, &o.filter, &nsel);
    ck_assert_uint_eq(nsel, 1);
    res = ic_run_cases(&o, &lp, &m, sel, nsel);
    ck_assert_ptr_nonnull(res);
    ck_assert_msg(res[0].verdict == verdict, "%s: verdict %s (%s: %s), want %s", rows[i].fault,
                  ic_verdict_name(res[0].verdict), res[0].kind ? res[0].kind : "-",
                  res[0].message ? res[0].message : "-", ic_verdict_name(verdict));
    if (kind == NULL) {
        ck_assert_ptr_null(res[0].kind);
    } else {
        ck_assert_str_eq(res[0].kind, kind);
    }
    if (res[0].message != NULL) {
        ck_assert_msg(strchr(res[0].message, '\n') == NULL, "%s: multi-line message",
                      rows[i].fault);
    }
    if (in_msg != NULL) {
        ck_assert_msg(strstr(res[0].message, in_msg) != NULL, "%s: message '%s'", rows[i].fault,
                      res[0].message);
    }
    ic_results_free(res, nsel);
    free(sel);
    ic_manifest_free(&m);
    ic_port_unload(&lp);
    fx_dir_remove(dir);
    free(dir);
}

static void run_row(int i, int no_fork, int jobs)
{
    run_case(i, no_fork, jobs, rows[i].verdict, rows[i].kind, rows[i].in_msg);
}

START_TEST(each_misbehaviour_gets_its_verdict)
{
    run_row(_i, 0, 1);
}
END_TEST

START_TEST(verdicts_hold_with_two_jobs)
{
    run_row(_i, 0, 2);
}
END_TEST

START_TEST(no_fork_scores_a_good_port_the_same)
{
    run_row(0, 1, 1);
    run_row(1, 1, 1);
}
END_TEST

/* One case whose stored float64 answer is [1, 1, 2, 2.5] (hand-made, so that the distances
   are checkable): torch's [1, 1, 2, 2] is 0.5 from it; the "wrong" port's [2, 2, 3, 3] is 1. */
static void f64_distance_row(const char *fault, double want_port, double want_torch)
{
    static const float want[4] = {1.0f, 1.0f, 2.0f, 2.0f};
    static const double exact[4] = {1.0, 1.0, 2.0, 2.5};
    const char *port_path = getenv("IC_FAULT_PORT");
    char *dir = fx_dir_new(), sha[65], extra[200], msg[400], *one, *text;
    const char *inc[1] = {"f64_case"};
    ic_loaded_port lp;
    ic_manifest m;
    ic_run_opts o;
    ic_case_result *res;
    size_t *sel, nsel;

    ck_assert_ptr_nonnull(port_path);
    fx_blob(dir, exact, sizeof exact, sha);
    snprintf(extra, sizeof extra, "\"float64\": {\"blob\": \"%s\"},", sha);
    one = fx_nearest_case(dir, "f64_case", 2, 4, want, extra);
    text = fx_wrap(one);
    fx_manifest(dir, text);
    setenv("IC_FAULT", fault, 1);
    ck_assert_msg(ic_port_load(port_path, &lp, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_msg(ic_manifest_load(dir, &m, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_uint_eq(ic_manifest_load_blobs(&m, NULL), 0);
    ck_assert_int_eq(m.cases[0].has_f64, 1);
    ck_assert_int_eq(m.cases[0].f64.nbytes, 32);
    memset(&o, 0, sizeof o);
    o.filter.include = inc;
    o.filter.ninclude = 1;
    o.jobs = 1;
    o.timeout = 0.5 * timeout_scale();
    o.quiet = 1;
    o.out = stdout;
    sel = ic_run_select(&m, &o.filter, &nsel);
    ck_assert_uint_eq(nsel, 1);
    res = ic_run_cases(&o, &lp, &m, sel, nsel);
    ck_assert_ptr_nonnull(res);
    ck_assert_double_eq(res[0].f64_max_abs_err, want_port);
    ck_assert_double_eq(res[0].torch_f64_max_abs_err, want_torch);
    ic_results_free(res, nsel);
    free(sel);
    ic_manifest_free(&m);
    ic_port_unload(&lp);
    free(one);
    free(text);
    fx_dir_remove(dir);
    free(dir);
}

START_TEST(distance_from_the_float64_answer_is_reported)
{
    f64_distance_row("good", 0.5, 0.5);
    f64_distance_row("wrong", 1.0, 0.5);
}
END_TEST

START_TEST(the_flush_hook_runs_once_per_forked_case)
{
    char mark[] = "/tmp/ic_flush_XXXXXX", line[64];
    int fd = mkstemp(mark), n = 0;
    FILE *f;

    ck_assert_int_ge(fd, 0);
    close(fd);
    setenv("IC_FLUSH_MARK", mark, 1);
    rows_no_sandbox = 1; /* the hook writes a file, which the filter denies */
    run_row(0, 0, 1);    /* a passing case */
    run_row(4, 0, 1);    /* a crash: the child never reaches the hook */
    rows_no_sandbox = 0;
    unsetenv("IC_FLUSH_MARK");
    f = fopen(mark, "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f) != NULL) {
        ck_assert_str_eq(line, "flushed\n");
        n++;
    }
    fclose(f);
    unlink(mark);
    ck_assert_int_eq(n, 1);
}
END_TEST

/* Finds the row of a fault. */
static int row_of(const char *fault)
{
    int i;

    for (i = 0; i < (int)(sizeof rows / sizeof rows[0]); i++) {
        if (strcmp(rows[i].fault, fault) == 0) {
            return i;
        }
    }
    ck_abort_msg("no row %s", fault);
    return -1;
}

START_TEST(without_the_sandbox_the_process_group_is_killed_after_each_case)
{
    char mark[] = "/tmp/ic_grandchild_XXXXXX";
    int fd = mkstemp(mark), i = row_of("grandchild");
    long pid = 0;
    FILE *f;

    ck_assert_int_ge(fd, 0);
    close(fd);
    setenv("IC_GRANDCHILD_MARK", mark, 1);
    rows_no_sandbox = 1;
    /* without the filter the fork succeeds and the case itself passes ... */
    run_case(i, 0, 1, IC_VERDICT_PASS, NULL, NULL);
    rows_no_sandbox = 0;
    unsetenv("IC_GRANDCHILD_MARK");
    f = fopen(mark, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fscanf(f, "%ld", &pid), 1);
    fclose(f);
    unlink(mark);
    ck_assert_int_gt(pid, 1);
    /* ... but the grandchild it left is gone (killed with the case's process group). A
       zombie not yet reaped by init counts as gone: signal 0 then fails or /proc says Z. */
    {
        char path[64], stat[256] = "";
        FILE *sf;
        int tries;
        for (tries = 0; tries < 100; tries++) {
            snprintf(path, sizeof path, "/proc/%ld/stat", pid);
            sf = fopen(path, "r");
            if (sf == NULL) {
                break;
            }
            if (fgets(stat, sizeof stat, sf) == NULL) {
                stat[0] = 0;
            }
            fclose(sf);
            if (strstr(stat, ") Z ") != NULL) {
                break;
            }
            {
                struct timespec ts = {0, 10000000};
                nanosleep(&ts, NULL);
            }
        }
        ck_assert_msg(tries < 100, "grandchild %ld still alive: %s", pid, stat);
    }
}
END_TEST

/* After a case the supervisor gave up on (timeout: the child and its group killed), the same
   loader still starts and reports the next cases, twice over. */
START_TEST(the_loader_survives_a_timed_out_case)
{
    const char *port_path = getenv("IC_FAULT_PORT");
    char *dir = build_vectors();
    const char *inc[1] = {"*"};
    ic_loaded_port lp;
    ic_manifest m;
    ic_run_opts o;
    ic_case_result *res;
    size_t *sel, nsel;
    char msg[400];
    int round;

    ck_assert_ptr_nonnull(port_path);
    setenv("IC_FAULT", "hang", 1);
    ck_assert_msg(ic_port_probe(port_path, 1, 10.0, &lp, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_msg(ic_manifest_load(dir, &m, msg, sizeof msg) == 0, "%s", msg);
    ck_assert_uint_eq(ic_manifest_load_blobs(&m, NULL), 0);
    memset(&o, 0, sizeof o);
    o.filter.include = inc;
    o.filter.ninclude = 1;
    o.jobs = 1;
    o.timeout = 0.3 * timeout_scale();
    o.quiet = 1;
    o.out = stdout;
    sel = ic_run_select(&m, &o.filter, &nsel);
    ck_assert_uint_eq(nsel, 2);
    for (round = 0; round < 2; round++) { /* twice through the same loader */
        res = ic_run_cases(&o, &lp, &m, sel, nsel);
        ck_assert_ptr_nonnull(res);
        /* sorted ids: error_foo (never reaches interpolate: PASS), nearest_2_to_4 (hangs) */
        ck_assert_str_eq(res[0].id, "error_foo");
        ck_assert_int_eq(res[0].verdict, IC_VERDICT_PASS);
        ck_assert_str_eq(res[1].kind, "timeout");
        ic_results_free(res, nsel);
    }
    free(sel);
    ic_manifest_free(&m);
    ic_port_unload(&lp);
    fx_dir_remove(dir);
    free(dir);
}
END_TEST

START_TEST(without_the_sandbox_an_mprotected_input_is_still_caught)
{
    rows_no_sandbox = 1;
    run_case(row_of("mprotect_mutate"), 0, 1, IC_VERDICT_ERROR, "input-mutated", NULL);
    rows_no_sandbox = 0;
}
END_TEST

START_TEST(a_port_whose_load_time_code_misbehaves_is_one_line)
{
    const char *port_path = getenv("IC_FAULT_PORT");
    static const struct {
        const char *fault, *in_msg;
    } loads[] = {
        {"ctor_exit", "called exit(0)"}, {"ctor_segv", "died of SIGSEGV"},
        {"ctor_kill", "denies: kill"},   {"ctor_ftz", "floating-point environment"},
        {"ctor_hang", "did not finish"},
    };
    ic_loaded_port lp;
    char msg[600];
    size_t k;

    ck_assert_ptr_nonnull(port_path);
    for (k = 0; k < sizeof loads / sizeof loads[0]; k++) {
        setenv("IC_FAULT", loads[k].fault, 1);
        ck_assert_int_eq(ic_port_probe(port_path, 1, 0.5 * timeout_scale(), &lp, msg, sizeof msg),
                         -1);
        ck_assert_msg(strstr(msg, loads[k].in_msg) != NULL, "%s: '%s'", loads[k].fault, msg);
        ck_assert_msg(strchr(msg, '\n') == NULL, "%s: multi-line", loads[k].fault);
        ck_assert_ptr_null(lp.port);
    }
    /* --allow-fp-env: the same port is accepted, the change named */
    setenv("IC_FAULT", "ctor_ftz", 1);
    ck_assert_int_eq(ic_port_probe(port_path, IC_PROBE_SANDBOX | IC_PROBE_ALLOW_FP_ENV, 10.0, &lp,
                                   msg, sizeof msg),
                     0);
#if defined(__x86_64__) || defined(__i386__)
    ck_assert_msg(strstr(lp.fp_note, "flush-to-zero") != NULL, "'%s'", lp.fp_note);
#endif
    ic_port_unload(&lp);
    setenv("IC_FAULT", "good", 1);
    ck_assert_int_eq(ic_port_probe(port_path, 1, 10.0, &lp, msg, sizeof msg), 0);
    ck_assert_str_eq(lp.fp_note, "");
    ck_assert_str_eq(lp.port->name, "fault");
    ck_assert_int_eq(lp.has_supports, 1);
    ic_port_unload(&lp);
}
END_TEST

/* Port text reaches the console and the reports: invalid UTF-8 and control bytes escaped,
   valid UTF-8 kept (checked by hand: U+00E9 is c3 a9; c3 alone, ff and an overlong c0 80 are
   invalid; 1b is ESC). */
START_TEST(port_text_is_escaped_for_the_console)
{
    static const struct {
        const char *in, *out;
    } rows_u8[] = {
        {"plain", "plain"},
        {"caf\xc3\xa9", "caf\xc3\xa9"},
        {"bad \xff\xfe!", "bad \\xff\\xfe!"},
        {"\x1b[2Jclear", "\\x1b[2Jclear"},
        {"cut \xc3", "cut \\xc3"},
        {"over \xc0\x80", "over \\xc0\\x80"},
        {"line\nbreak\ttab\x7f", "line\nbreak\ttab\\x7f"},
    };
    char buf[64];
    size_t k;

    for (k = 0; k < sizeof rows_u8 / sizeof rows_u8[0]; k++) {
        snprintf(buf, sizeof buf, "%s", rows_u8[k].in);
        ic_text_sanitize(buf, sizeof buf);
        ck_assert_str_eq(buf, rows_u8[k].out);
    }
    /* escapes that do not fit are cut at a whole escape */
    memset(buf, 0, sizeof buf);
    memcpy(buf, "ab\xff\xff", 4);
    ic_text_sanitize(buf, 8);
    ck_assert_str_eq(buf, "ab\\xff");
}
END_TEST

START_TEST(a_port_without_the_entry_symbol_is_one_error_line)
{
    ic_loaded_port lp;
    char msg[400];

    ck_assert_int_eq(ic_port_load("/nonexistent/port.so", &lp, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, "cannot load port"));
    /* libcheck itself is a shared object without ic_port_entry_v1 */
    ck_assert_int_eq(ic_port_load("libc.so.6", &lp, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, "ic_port_entry_v1"));
}
END_TEST

static int32_t dummy_shape(const ic_tensor *in, const ic_args *a, int32_t *nd, int64_t *sh,
                           char *msg, size_t len)
{
    (void)in, (void)a, (void)nd, (void)sh, (void)msg, (void)len;
    return IC_OK;
}

static int32_t dummy_run(const ic_tensor *in, const ic_args *a, const ic_tensor *out, char *msg,
                         size_t len)
{
    (void)in, (void)a, (void)out, (void)msg, (void)len;
    return IC_OK;
}

START_TEST(descriptors_are_checked)
{
    ic_port p = {IC_ABI_MAJOR,
                 IC_ABI_MINOR,
                 sizeof(ic_port),
                 "x",
                 "1",
                 IC_MODE_ALL,
                 IC_DIMS_ALL,
                 0,
                 IC_LAYOUT_ALL,
                 0,
                 dummy_shape,
                 dummy_run,
                 NULL};
    char msg[300];

    ck_assert_int_eq(ic_port_check(&p, msg, sizeof msg), 0);
    p.abi_major = 2;
    ck_assert_int_eq(ic_port_check(&p, msg, sizeof msg), -1);
    ck_assert_ptr_nonnull(strstr(msg, "ABI 2."));
    p.abi_major = IC_ABI_MAJOR;
    p.struct_size = 8;
    ck_assert_int_eq(ic_port_check(&p, msg, sizeof msg), -1);
    p.struct_size = sizeof p;
    p.name = NULL;
    ck_assert_int_eq(ic_port_check(&p, msg, sizeof msg), -1);
    p.name = "x";
    p.interpolate = NULL;
    ck_assert_int_eq(ic_port_check(&p, msg, sizeof msg), -1);
    ck_assert_int_eq(ic_port_check(NULL, msg, sizeof msg), -1);
}
END_TEST

START_TEST(capabilities_decide_skips)
{
    ic_port p = {IC_ABI_MAJOR,
                 IC_ABI_MINOR,
                 sizeof(ic_port),
                 "x",
                 "1",
                 IC_MODE_NEAREST,
                 IC_DIMS_2D,
                 IC_DTYPE_BIT(IC_DTYPE_FLOAT32),
                 IC_LAYOUT_CONTIGUOUS,
                 0,
                 dummy_shape,
                 dummy_run,
                 NULL};
    ic_case c;

    memset(&c, 0, sizeof c);
    c.mode = "nearest";
    c.input.ndim = 4;
    c.input.dtype = IC_DTYPE_FLOAT32;
    c.input.layout = IC_LAYOUT_CONTIGUOUS;
    ck_assert_ptr_null(ic_port_declines(&p, &c));
    c.mode = "bilinear";
    ck_assert_str_eq(ic_port_declines(&p, &c), "mode");
    c.mode = "nearest";
    c.input.ndim = 5;
    ck_assert_str_eq(ic_port_declines(&p, &c), "dims");
    c.input.ndim = 4;
    c.input.dtype = IC_DTYPE_UINT8;
    ck_assert_str_eq(ic_port_declines(&p, &c), "dtype");
    c.input.dtype = IC_DTYPE_FLOAT32;
    c.input.layout = IC_LAYOUT_CHANNELS_LAST;
    ck_assert_str_eq(ic_port_declines(&p, &c), "layout");
    c.input.layout = IC_LAYOUT_CONTIGUOUS;
    c.args.antialias = 1;
    ck_assert_str_eq(ic_port_declines(&p, &c), "antialias");
    c.error_cat = IC_ERR_VALUE; /* error cases need IC_FEAT_VALIDATES, nothing else */
    ck_assert_ptr_nonnull(ic_port_declines(&p, &c));
    p.features = IC_FEAT_VALIDATES;
    ck_assert_ptr_null(ic_port_declines(&p, &c));
}
END_TEST

/** The isolation suite. */
Suite *sandbox_suite(void)
{
    Suite *s = suite_create("sandbox");
    TCase *tc = tcase_create("core");

    tcase_set_timeout(tc, 30 * timeout_scale());
    tcase_add_loop_test(tc, each_misbehaviour_gets_its_verdict, 0,
                        (int)(sizeof rows / sizeof rows[0]));
    tcase_add_loop_test(tc, verdicts_hold_with_two_jobs, 0, (int)(sizeof rows / sizeof rows[0]));
    tcase_add_test(tc, no_fork_scores_a_good_port_the_same);
    tcase_add_test(tc, the_flush_hook_runs_once_per_forked_case);
    tcase_add_test(tc, distance_from_the_float64_answer_is_reported);
    tcase_add_test(tc, a_port_without_the_entry_symbol_is_one_error_line);
    tcase_add_test(tc, without_the_sandbox_the_process_group_is_killed_after_each_case);
    tcase_add_test(tc, without_the_sandbox_an_mprotected_input_is_still_caught);
    tcase_add_test(tc, the_loader_survives_a_timed_out_case);
    tcase_add_test(tc, a_port_whose_load_time_code_misbehaves_is_one_line);
    tcase_add_test(tc, port_text_is_escaped_for_the_console);
    tcase_add_test(tc, descriptors_are_checked);
    tcase_add_test(tc, capabilities_decide_skips);
    suite_add_tcase(s, tc);
    return s;
}
