/* selftest.c - runs build/interpcheck on every port of a verdict table and checks each verdict.
 *
 * The suite's own test (Check's self-test idea): ports that are *meant* to fail (mutants, with
 * one seeded defect each), ports that misbehave (faults the harness must classify), and ports
 * that must never be flagged (false-alarm checks). The table (ports/selftest/expected.tsv) has
 * one row per port, tab-separated:
 *
 *     name[@label] <TAB> interpcheck filter arguments ("-" for none) <TAB> expectation
 *     [<TAB> env]
 *
 * Expectations:
 *     killed              at least one FAIL and no ERROR
 *     fail:KIND           at least one FAIL of that kind and no ERROR
 *     error:KIND[:TEXT]   at least one ERROR of that kind (whose message contains TEXT)
 *     clean               no FAIL, no ERROR, and at least one PASS
 *     load:TEXT           the port is refused before any case: exit status 3 and one line
 *                         containing TEXT, no report
 * optionally followed (after a space) by cause=NAME[|NAME...][@MIN]: at least MIN (default
 * 0.8) of the FAIL and ERROR cases must carry one of those causes (the diagnosis names the
 * defect the port was built with; harness/cause.h).
 * env is a space-separated list of NAME=VALUE set for that run only. name is the port's file
 * (DIR/name.so); an @label lets one port appear in several rows.
 *
 * Usage: selftest --interpcheck PATH --ports DIR --vectors DIR --table TSV --work DIR
 *                 [--jobs N] [--run-timeout S] [--only NAME] [--report FILE.json]
 *                 [--torch VERSION]
 * --torch is passed to every interpcheck run before the row's own arguments (a row's own
 * --torch wins). Prints one line per port, then the totals (first of them the mutation score,
 * `mutants killed K/T`); --report also writes them, with every row's result, as JSON. Exits 0 iff
 * every port got its expected verdict.
 */
#define _POSIX_C_SOURCE 200809L

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ST_MAX_ARGS 64

/** Options of one self-test run. */
typedef struct st_opts {
    const char *interpcheck, *ports, *vectors, *table, *work, *only, *report;
    int jobs;
    double run_timeout;
    const char *torch; /* --torch for every row (a row's own --torch comes later and wins) */
} st_opts;

/** What one interpcheck run produced, reduced to what the expectations test. */
typedef struct st_outcome {
    long total, pass, fail, error, skip;
    char first_fail[200], first_fail_kind[40];
    char first_error[200], first_error_kind[40], first_error_msg[200];
    int kind_found; /* a case matched the expected kind (and text) */
    char kind_case[200], kind_msg[200];
    long nonpass, cause_hits; /* FAIL + ERROR cases, and those with an expected cause */
    char other_cause[80];     /* the most frequent cause that is not expected */
    long other_count;
} st_outcome;

/** Tally by expectation family. */
typedef struct st_tally {
    int mutants, killed, stricts, strict_killed, faults, classified, clean_ports, false_alarms;
    int cause_rows, causes_named;
    cJSON *rows; /* one object per row, for --report (NULL when not asked for) */
} st_tally;

static double st_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *st_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len < 2) {
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf != NULL) {
        buf[len] = '\0';
    }
    return buf;
}

/* Splits s in place on spaces and tabs into argv-style words; returns how many. */
static int st_split(char *s, char **words, int max)
{
    int n = 0;
    for (char *tok = strtok(s, " \t"); tok != NULL && n < max; tok = strtok(NULL, " \t")) {
        words[n++] = tok;
    }
    return n;
}

/* Runs argv with stdout/stderr into log and the env words set; returns the exit status,
   -1 when it could not start, -2 when it had to be killed after timeout seconds. */
static int st_spawn(char **argv, const char *log, char **env, int nenv, double timeout)
{
    pid_t pid = fork();
    if (pid < 0) {
        return -1;
    }
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        for (int k = 0; k < nenv; k++) {
            char *eq = strchr(env[k], '=');
            if (eq != NULL) {
                *eq = '\0';
                setenv(env[k], eq + 1, 1);
            }
        }
        /* Own process group, so that a timeout kills the runner and its port children. */
        setpgid(0, 0);
        execv(argv[0], argv);
        _exit(127);
    }
    double deadline = st_now() + timeout;
    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            break;
        }
        if (r < 0 && errno != EINTR) {
            return -1;
        }
        if (st_now() > deadline) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -2;
        }
        struct timespec nap = {0, 20 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static const char *st_jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static long st_jlong(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? (long)v->valuedouble : -1;
}

/* 1 when cause is one of the '|'-separated names of want. */
static int st_cause_in(const char *cause, const char *want)
{
    size_t l = strlen(cause);
    for (const char *p = want; p != NULL && *p != '\0';) {
        size_t n = strcspn(p, "|@");
        if (n == l && strncmp(p, cause, l) == 0) {
            return 1;
        }
        p += n;
        if (*p != '|') {
            break;
        }
        p++;
    }
    return 0;
}

/* Reads the JSON report; want_kind/want_text select the cases error:/fail: look for, and
   want_cause the causes counted in cause_hits (NULL: none). */
static int st_read_report(const char *path, const char *want_verdict, const char *want_kind,
                          const char *want_text, const char *want_cause, st_outcome *o, char *why,
                          size_t why_len)
{
    memset(o, 0, sizeof *o);
    char *text = st_read_file(path);
    if (text == NULL) {
        snprintf(why, why_len, "no JSON report at %s", path);
        return -1;
    }
    cJSON *root = cJSON_Parse(text);
    free(text);
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(root, "summary");
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(root, "cases");
    if (!cJSON_IsObject(sum) || !cJSON_IsArray(cases)) {
        snprintf(why, why_len, "%s: no summary/cases", path);
        cJSON_Delete(root);
        return -1;
    }
    o->total = st_jlong(sum, "total");
    o->pass = st_jlong(sum, "pass");
    o->fail = st_jlong(sum, "fail");
    o->error = st_jlong(sum, "error");
    o->skip = st_jlong(sum, "skip");
    const cJSON *causes = cJSON_GetObjectItemCaseSensitive(sum, "causes"), *cc;
    cJSON_ArrayForEach (cc, causes) {
        if (cJSON_IsNumber(cc) && (want_cause == NULL || !st_cause_in(cc->string, want_cause)) &&
            (long)cc->valuedouble > o->other_count) {
            o->other_count = (long)cc->valuedouble;
            snprintf(o->other_cause, sizeof o->other_cause, "%s", cc->string);
        }
    }
    const cJSON *c;
    cJSON_ArrayForEach (c, cases) {
        const char *verdict = st_jstr(c, "verdict");
        const char *id = st_jstr(c, "id");
        const char *kind = st_jstr(c, "kind");
        const char *msg = st_jstr(c, "message");
        if (strcmp(verdict, "FAIL") == 0 || strcmp(verdict, "ERROR") == 0) {
            o->nonpass++;
            o->cause_hits += want_cause != NULL && st_cause_in(st_jstr(c, "cause"), want_cause);
        }
        if (strcmp(verdict, "FAIL") == 0 && o->first_fail[0] == '\0') {
            snprintf(o->first_fail, sizeof o->first_fail, "%s", id);
            snprintf(o->first_fail_kind, sizeof o->first_fail_kind, "%s", kind);
        }
        if (strcmp(verdict, "ERROR") == 0 && o->first_error[0] == '\0') {
            snprintf(o->first_error, sizeof o->first_error, "%s", id);
            snprintf(o->first_error_kind, sizeof o->first_error_kind, "%s", kind);
            snprintf(o->first_error_msg, sizeof o->first_error_msg, "%s", msg);
        }
        if (!o->kind_found && want_verdict != NULL && strcmp(verdict, want_verdict) == 0 &&
            strcmp(kind, want_kind) == 0 && (want_text == NULL || strstr(msg, want_text))) {
            o->kind_found = 1;
            snprintf(o->kind_case, sizeof o->kind_case, "%s", id);
            snprintf(o->kind_msg, sizeof o->kind_msg, "%s", msg);
        }
    }
    cJSON_Delete(root);
    return 0;
}

/* Runs one table row; returns 1 when the port got its expected verdict. */
static int st_row(const st_opts *op, char *name, char *filter, char *expect, char *env,
                  st_tally *t)
{
    char so[4096], json[4096], log[4096], jobs[16], why[16384] = "";
    cJSON *row = t->rows != NULL ? cJSON_CreateObject() : NULL;
    if (row != NULL) {
        cJSON_AddStringToObject(row, "port", name);
        cJSON_AddStringToObject(row, "filter", filter);
        cJSON_AddStringToObject(row, "expect", expect);
        cJSON_AddItemToArray(t->rows, row);
    }
    /* "port@label" runs port.so under its own report name (same port, other env/filter). */
    snprintf(so, sizeof so, "%s/%.*s.so", op->ports, (int)strcspn(name, "@"), name);
    snprintf(json, sizeof json, "%s/%s.json", op->work, name);
    snprintf(log, sizeof log, "%s/%s.log", op->work, name);
    snprintf(jobs, sizeof jobs, "%d", op->jobs);
    remove(json);

    char *argv[ST_MAX_ARGS + 16];
    int n = 0;
    argv[n++] = (char *)op->interpcheck;
    argv[n++] = "--port";
    argv[n++] = so;
    argv[n++] = "--vectors";
    argv[n++] = (char *)op->vectors;
    argv[n++] = "--json";
    argv[n++] = json;
    argv[n++] = "--jobs";
    argv[n++] = jobs;
    if (op->torch != NULL) {
        argv[n++] = "--torch";
        argv[n++] = (char *)op->torch;
    }
    if (strcmp(filter, "-") != 0) {
        n += st_split(filter, argv + n, ST_MAX_ARGS);
    }
    argv[n] = NULL;
    char *envw[16];
    int nenv = env != NULL ? st_split(env, envw, 16) : 0;

    /* An optional " cause=NAME[|NAME...][@MIN]" after the verdict expectation. */
    const char *want_cause = NULL;
    double cause_min = 0.8;
    char *sp = strstr(expect, " cause=");
    if (sp != NULL) {
        *sp++ = '\0';
        want_cause = sp + 6;
        char *at = strchr(sp, '@');
        if (at != NULL) {
            cause_min = atof(at + 1);
        }
        if (row != NULL) {
            cJSON_AddStringToObject(row, "cause_expected", want_cause);
        }
    }
    /* Family of the expectation, and what it looks for. */
    char kindbuf[128] = "";
    const char *verdict = NULL, *kind = NULL, *text = NULL;
    int is_killed = strcmp(expect, "killed") == 0;
    int is_clean = strcmp(expect, "clean") == 0;
    const char *load_text = strncmp(expect, "load:", 5) == 0 ? expect + 5 : NULL;
    if (load_text != NULL) {
        /* checked below, from the exit status and the log */
    } else if (strncmp(expect, "error:", 6) == 0 || strncmp(expect, "fail:", 5) == 0) {
        verdict = expect[0] == 'e' ? "ERROR" : "FAIL";
        snprintf(kindbuf, sizeof kindbuf, "%s", strchr(expect, ':') + 1);
        char *colon = strchr(kindbuf, ':');
        if (colon != NULL) {
            *colon = '\0';
            text = colon + 1;
        }
        kind = kindbuf;
    } else if (!is_killed && !is_clean) {
        printf("BAD   %s: unknown expectation '%s'\n", name, expect);
        return 0;
    }
    /* A mutant is a mutant-* port not expected clean (killed, or for a missing argument check
       ERROR accepted). Another row expected killed is a strict-mode check (an honest port
       that is not torch's bits); a fault is any other row that is not clean. */
    int is_mutant = !is_clean && strncmp(name, "mutant-", 7) == 0;
    int is_strict = !is_clean && !is_mutant && is_killed;
    if (is_mutant) {
        t->mutants++;
    } else if (is_strict) {
        t->stricts++;
    } else if (is_clean) {
        t->clean_ports++;
    } else {
        t->faults++;
    }

    double t0 = st_now();
    int rc = st_spawn(argv, log, envw, nenv, op->run_timeout);
    double secs = st_now() - t0;
    st_outcome o;
    int ok = 0;
    if (load_text != NULL && rc >= 0 && rc != 127) {
        /* The port must be refused: exit status 3, one line on stderr naming the cause, and
           no report pretending the port was scored. */
        char *logtext = st_read_file(log);
        size_t lines = 0;
        for (const char *p = logtext; p != NULL && *p; p++) {
            lines += *p == '\n';
        }
        FILE *jf = fopen(json, "r");
        if (jf != NULL) {
            fclose(jf);
        }
        if (rc != 3) {
            snprintf(why, sizeof why, "LOADED: exit status %d, want 3 (log %s)", rc, log);
        } else if (logtext == NULL || strstr(logtext, load_text) == NULL) {
            snprintf(why, sizeof why, "MISCLASSIFIED: exit 3 without '%s' (log %s)", load_text,
                     log);
        } else if (lines != 1 || jf != NULL) {
            snprintf(why, sizeof why, "exit 3, but %zu lines of output%s (log %s)", lines,
                     jf != NULL ? " and a report" : "", log);
        } else {
            ok = 1;
            snprintf(why, sizeof why, "refused: %.200s", logtext);
            why[strcspn(why, "\n")] = '\0';
        }
        free(logtext);
    } else if (rc == -1 || rc == 127) {
        snprintf(why, sizeof why, "could not run %s", op->interpcheck);
    } else if (rc == -2) {
        snprintf(why, sizeof why, "interpcheck did not finish in %.0f s (log %s)", op->run_timeout,
                 log);
    } else if (rc > 1) {
        snprintf(why, sizeof why, "interpcheck exited %d (log %s)", rc, log);
    } else if (st_read_report(json, verdict, kind, text, want_cause, &o, why, sizeof why) == 0) {
        if ((rc == 0) != (o.fail == 0 && o.error == 0)) {
            snprintf(why, sizeof why, "exit status %d disagrees with %ld FAIL %ld ERROR", rc,
                     o.fail, o.error);
        } else if (is_killed) {
            ok = o.fail > 0 && o.error == 0;
            if (ok) {
                snprintf(why, sizeof why, "killed by %s (%ld FAIL, first kind %s)", o.first_fail,
                         o.fail, o.first_fail_kind);
            } else if (o.error > 0) {
                snprintf(why, sizeof why, "ERROR %s on %s: %s (want FAIL only)",
                         o.first_error_kind, o.first_error, o.first_error_msg);
            } else {
                snprintf(why, sizeof why, "SURVIVED: 0 FAIL in %ld cases (%ld pass, %ld skip)",
                         o.total, o.pass, o.skip);
            }
        } else if (is_clean) {
            ok = o.fail == 0 && o.error == 0 && o.pass > 0;
            if (ok) {
                snprintf(why, sizeof why, "clean: %ld cases, %ld pass, %ld skip", o.total, o.pass,
                         o.skip);
            } else if (o.fail > 0) {
                snprintf(why, sizeof why, "FALSE ALARM: %ld FAIL, first %s (%s)", o.fail,
                         o.first_fail, o.first_fail_kind);
            } else if (o.error > 0) {
                snprintf(why, sizeof why, "FALSE ALARM: %ld ERROR, first %s (%s: %s)", o.error,
                         o.first_error, o.first_error_kind, o.first_error_msg);
            } else {
                snprintf(why, sizeof why, "no case passed (%ld cases, %ld skip): filter?", o.total,
                         o.skip);
            }
        } else {
            ok = o.kind_found && (verdict[0] == 'E' || o.error == 0);
            if (ok) {
                snprintf(why, sizeof why, "%s %s on %s (%ld FAIL, %ld ERROR): %.120s", verdict,
                         kind, o.kind_case, o.fail, o.error, o.kind_msg);
            } else {
                snprintf(why, sizeof why,
                         "MISCLASSIFIED: no %s %s%s%s; %ld FAIL (first %s %s), "
                         "%ld ERROR (first %s %s: %.80s)",
                         verdict, kind, text ? " with " : "", text ? text : "", o.fail,
                         o.first_fail, o.first_fail_kind, o.error, o.first_error,
                         o.first_error_kind, o.first_error_msg);
            }
        }
    }
    /* The diagnosis must name the defect the port was built with on most of its failures. */
    if (want_cause != NULL && rc >= 0 && rc <= 1) {
        double frac = o.nonpass > 0 ? (double)o.cause_hits / (double)o.nonpass : 0.0;
        size_t used = strlen(why);
        int named = o.nonpass > 0 && frac >= cause_min;
        t->cause_rows++;
        t->causes_named += named;
        snprintf(why + used, sizeof why - used, "; cause %.*s on %ld/%ld (%.0f%%)",
                 (int)strcspn(want_cause, "@"), want_cause, o.cause_hits, o.nonpass, 100.0 * frac);
        if (!named) {
            used = strlen(why);
            snprintf(why + used, sizeof why - used,
                     " WRONG CAUSE: want >= %.0f%%, most other: "
                     "%s %ld",
                     100.0 * cause_min, o.other_cause, o.other_count);
        }
        if (row != NULL) {
            cJSON_AddNumberToObject(row, "cause_fraction", frac);
        }
        ok = ok && named;
    }
    if (ok) {
        t->killed += is_mutant;
        t->strict_killed += is_strict;
        t->classified += !is_mutant && !is_strict && !is_clean;
    } else {
        t->false_alarms += is_clean;
    }
    if (row != NULL) {
        cJSON_AddBoolToObject(row, "ok", ok);
        cJSON_AddStringToObject(row, "result", why);
        cJSON_AddNumberToObject(row, "seconds", secs);
    }
    printf("%-5s %-40s %s [%.1f s]\n", ok ? "ok" : "BAD", name, why, secs);
    fflush(stdout);
    return ok;
}

/* The table's outcome as JSON: the score lines, the counts, and one object per row. */
static int st_write_report(const char *path, st_tally *t, int rows, int bad, double secs)
{
    char line[64];
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "format", "interpcheck-selftest");
    snprintf(line, sizeof line, "mutants killed %d/%d", t->killed, t->mutants);
    cJSON_AddStringToObject(r, "mutation_score", line);
    cJSON_AddNumberToObject(r, "mutants", t->mutants);
    cJSON_AddNumberToObject(r, "mutants_killed", t->killed);
    cJSON_AddNumberToObject(r, "strict_checks", t->stricts);
    cJSON_AddNumberToObject(r, "strict_checks_killed", t->strict_killed);
    cJSON_AddNumberToObject(r, "faults", t->faults);
    cJSON_AddNumberToObject(r, "faults_classified", t->classified);
    cJSON_AddNumberToObject(r, "clean_ports", t->clean_ports);
    cJSON_AddNumberToObject(r, "false_alarms", t->false_alarms);
    cJSON_AddNumberToObject(r, "cause_rows", t->cause_rows);
    cJSON_AddNumberToObject(r, "causes_named", t->causes_named);
    cJSON_AddNumberToObject(r, "rows", rows);
    cJSON_AddNumberToObject(r, "mismatches", bad);
    cJSON_AddNumberToObject(r, "seconds", secs);
    cJSON_AddItemToObject(r, "results", t->rows);
    t->rows = NULL; /* now owned by r */
    char *text = cJSON_Print(r);
    cJSON_Delete(r);
    FILE *f = text != NULL ? fopen(path, "w") : NULL;
    int rc = f != NULL && fputs(text, f) >= 0 && fputc('\n', f) != EOF ? 0 : -1;
    if (f != NULL && fclose(f) != 0) {
        rc = -1;
    }
    free(text);
    return rc;
}

static int st_usage(void)
{
    fprintf(stderr, "usage: selftest --interpcheck PATH --ports DIR --vectors DIR --table TSV "
                    "--work DIR [--jobs N] [--run-timeout S] [--only NAME] [--report FILE.json]\n"
                    "                [--torch VERSION]\n");
    return 2;
}

/** Runs the verdict table; exit 0 iff every port got its expected verdict. */
int main(int argc, char **argv)
{
    st_opts op = {NULL, NULL, "vectors", NULL, NULL, NULL, NULL, 2, 300.0, NULL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (v == NULL) {
            return st_usage();
        }
        if (strcmp(a, "--interpcheck") == 0) {
            op.interpcheck = v;
        } else if (strcmp(a, "--ports") == 0) {
            op.ports = v;
        } else if (strcmp(a, "--vectors") == 0) {
            op.vectors = v;
        } else if (strcmp(a, "--table") == 0) {
            op.table = v;
        } else if (strcmp(a, "--work") == 0) {
            op.work = v;
        } else if (strcmp(a, "--only") == 0) {
            op.only = v;
        } else if (strcmp(a, "--report") == 0) {
            op.report = v;
        } else if (strcmp(a, "--torch") == 0) {
            op.torch = v;
        } else if (strcmp(a, "--jobs") == 0) {
            op.jobs = atoi(v) > 0 ? atoi(v) : 1;
        } else if (strcmp(a, "--run-timeout") == 0) {
            op.run_timeout = atof(v) > 0 ? atof(v) : 300.0;
        } else {
            return st_usage();
        }
        i++;
    }
    if (op.interpcheck == NULL || op.ports == NULL || op.table == NULL || op.work == NULL) {
        return st_usage();
    }
    mkdir(op.work, 0755);
    /* The replay port finds the vectors through this (ports/replay/replay_port.c). */
    setenv("IC_REPLAY_VECTORS", op.vectors, 0);
    char *table = st_read_file(op.table);
    if (table == NULL) {
        fprintf(stderr, "selftest: cannot read %s\n", op.table);
        return 2;
    }
    st_tally t = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL};
    if (op.report != NULL) {
        t.rows = cJSON_CreateArray();
    }
    int rows = 0, bad = 0;
    double t0 = st_now();
    char *save = NULL;
    for (char *line = strtok_r(table, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        char *f[4] = {NULL, NULL, NULL, NULL};
        int nf = 0;
        for (char *p = line; nf < 4 && p != NULL; nf++) {
            f[nf] = p;
            p = strchr(p, '\t');
            if (p != NULL) {
                *p++ = '\0';
            }
        }
        if (nf < 3) {
            printf("BAD   table line '%s': want name, filter, expectation\n", line);
            bad++;
            continue;
        }
        if (op.only != NULL && strcmp(op.only, f[0]) != 0) {
            continue;
        }
        rows++;
        bad += !st_row(&op, f[0], f[1], f[2], f[3], &t);
    }
    free(table);
    printf("mutants killed %d/%d\n", t.killed, t.mutants);
    printf("strict-mode checks killed %d/%d\n", t.strict_killed, t.stricts);
    printf("faults classified %d/%d\n", t.classified, t.faults);
    printf("false alarms %d/%d\n", t.false_alarms, t.clean_ports);
    printf("causes named %d/%d\n", t.causes_named, t.cause_rows);
    printf("selftest: %d ports, %d mismatches, %.1f s\n", rows, bad, st_now() - t0);
    if (op.report != NULL && st_write_report(op.report, &t, rows, bad, st_now() - t0) != 0) {
        fprintf(stderr, "selftest: cannot write %s: %s\n", op.report, strerror(errno));
        bad++;
    }
    cJSON_Delete(t.rows);
    return bad == 0 && rows > 0 ? 0 : 1;
}
