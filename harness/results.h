/* results.h - the scored results of a run, shared by the runner and the report writers. */
#ifndef IC_RESULTS_H
#define IC_RESULTS_H

#include <stddef.h>
#include <stdint.h>

/** Most oracles (torch versions) a run reports on (= IC_MAX_ORACLES of manifest.h). */
#define IC_RUN_MAX_ORACLES 4

/** Verdict of one case. */
enum ic_verdict {
    IC_VERDICT_PASS = 0, /* within tolerance (exact flag says bit-identical to a torch output) */
    IC_VERDICT_FAIL =
        1, /* the port computes something else than torch (values, shape, category) */
    IC_VERDICT_ERROR = 2, /* the port misbehaved: crash, timeout, out-of-bounds, unwritten, ... */
    IC_VERDICT_SKIP = 3   /* the port declared it does not handle this case */
};

/** One case's result. Every string is heap-owned by the result (free with ic_results_free). */
typedef struct ic_case_result {
    char *id;
    int32_t verdict; /* enum ic_verdict */
    int32_t exact;   /* 1: bit-identical to the canonical or a stored alternative torch output;
                        for an error case, refused with torch's error category */
    char *kind;      /* short machine word for non-pass: "values", "shape", "category",
                        "accepted", "refused", "crash", "timeout", "oob-write", "oob-read",
                        "input-mutated", "unwritten", "internal", "unsupported", ...; NULL on pass */
    char *message;   /* one human line (the diagnosis); NULL on pass */
    char *cause;     /* non-passing cases: what explains the difference (cause.h): a what-if
                        semantics the port matches ("scale-recomputed", "a+b" for a pair), a
                        pattern ("shift", "border-only", ...), the kind for misbehaviour,
                        or "unexplained"; NULL on pass and skip */
    char *cause_candidates; /* when several single what-ifs explain the case: all of them,
                               space-separated, in table order (cause is one of them); else
                               NULL. ic_cause_resolve picks among them run-wide. */
    char **tags;
    size_t ntags;
    double max_abs_err; /* NaN when not applicable (error cases, skips) */
    double max_rel_err;
    double max_ulp;
    double bound; /* the largest per-element bound used; 0 for exact cases, NaN when
                     no element had a finite pair to bound */
    /* Value cases: elements where one side is NaN and the other is not, and elements where
       an infinity meets anything but the same infinity (max_abs_err only covers finite
       pairs, so an all-NaN output shows here, not there). */
    int64_t nan_mismatches, inf_mismatches;
    /* Distance from a more exact answer (float32 cases with a stored float64 result; NaN
       otherwise): max |port - f64| and, for comparison, max |torch - f64|. Not graded. */
    double f64_max_abs_err;
    double torch_f64_max_abs_err;
    double seconds; /* wall time of the case, fork included */
    /* Version fingerprint: bit k set when the port's result PASSes (non-strict) against
       oracle k of ic_run_info.oracles (oracle_exact: and is bit-identical to one of its
       outputs). 0 for SKIP and bad vectors. */
    uint32_t oracle_pass;
    uint32_t oracle_exact;
    /* Optional heat map for failing float cases: err/bound of the worst (n, c) plane,
       downsampled to at most 64x64, row-major; NULL when absent. */
    int32_t heat_h, heat_w;
    float *heat;
    /* Under an expectations file (--expect, harness/expect.h): the outcome and the matching
       rule's reason (heap; NULL when no rule matched). */
    int32_t expect; /* enum ic_expect_outcome */
    char *expect_reason;
    /* Largest err/bound over the elements that differ from torch, for float cases scored
       with the evidence bound (NaN otherwise): above 1 means outside the bound. */
    double bound_ratio;
    int32_t profile_pass; /* 1: PASS only thanks to the --atol/--rtol profile */
} ic_case_result;

/** Outcome of a case under an expectations file. */
enum ic_expect_outcome {
    IC_EXPECT_NONE = 0,  /* no rule matched, or the verdict is not one the rule names */
    IC_EXPECT_XFAIL = 1, /* a rule expected this FAIL/ERROR: not a failure of the run */
    IC_EXPECT_XPASS = 2  /* a rule expected a FAIL/ERROR and the case passed */
};

/** What was run, recorded in every report. Strings heap-owned. */
typedef struct ic_run_info {
    char *harness_version;
    char *port_path;
    char *port_name;
    char *port_version;
    uint32_t port_abi_major, port_abi_minor;
    uint32_t abi_major, abi_minor; /* the harness's own */
    char *vectors_dir;
    char *manifest_sha256;
    char *host;
    char *compiler; /* compiler that built the harness */
    char *filters;  /* the include/exclude/shard options, as one line */
    char *started;  /* ISO 8601 UTC */
    int32_t strict;
    double seconds;        /* total wall time */
    char *mutation_score;  /* optional "mutants killed K/T" line (self-test only); NULL if none */
    char *expect_file;     /* --expect FILE, NULL when none */
    int32_t expect_strict; /* --expect-strict: an XPASS fails the run */
    /* --atol/--rtol: a tolerance profile. Such a run is never a conformance result. */
    int32_t profile;
    double atol, rtol;
    char *oracle; /* the torch version the verdicts are against ("2.14"); NULL: unknown */
    char *oracle_provenance; /* one line: torch version, Debian package, canonical dispatch */
    size_t noracles;
    char *oracles[IC_RUN_MAX_ORACLES]; /* every oracle of the vectors; bit k of oracle_pass */
    /* Isolation (issue 13): --no-fork ran the cases in the harness process (not isolated: the
       verdicts are not trusted); --no-sandbox forked them without the seccomp filter. */
    int32_t no_fork;
    int32_t no_sandbox;
    /* --shard K/N of the run, 0/0 when not sharded (merge checks the set is complete). */
    int32_t shard_k, shard_n;
} ic_run_info;

/** The version fingerprint of a run: which torch the port's outputs follow. */
typedef struct ic_fingerprint {
    size_t scored;                    /* PASS and FAIL cases, and ERRORs some oracle
                                         matches */
    size_t match[IC_RUN_MAX_ORACLES]; /* cases passing against oracle k */
    size_t only[IC_RUN_MAX_ORACLES];  /* ... and against no other oracle */
    size_t all, none;                 /* passing against every oracle / against none */
    int follows;                      /* oracle index; -1 cannot tell; -2 mixed */
} ic_fingerprint;

/** Counts the fingerprint of results[0..n) over the run's oracles. */
void ic_fingerprint_count(const ic_run_info *info, const ic_case_result *results, size_t n,
                          ic_fingerprint *fp);

/**
 * Writes the fingerprint line, e.g. "fingerprint: torch 2.14 1893, torch 1.13 1888, both 1850,
 * neither 12: follows torch 2.14", into buf. Empty when the run has fewer than two oracles.
 */
void ic_fingerprint_line(const ic_run_info *info, const ic_fingerprint *fp, char *buf, size_t len);

/** The isolation of a run in words: "fork+seccomp", "fork (--no-sandbox)" or "none (--no-fork)".
 */
const char *ic_run_isolation(const ic_run_info *info);

/** Counts derived from results. */
typedef struct ic_summary {
    size_t total, pass, exact, fail, error, skip;
    size_t xfail, xpass; /* FAIL/ERROR an expectation covers; PASS a rule expected to fail */
    size_t profile_pass; /* PASS only thanks to a tolerance profile */
} ic_summary;

/** One row of the causes table: a cause, how many non-passing cases have it, one of them. */
typedef struct ic_cause_count {
    const char *cause; /* points into the results (or "unexplained") */
    size_t cases;
    const char *example; /* the id of the first such case */
} ic_cause_count;

/**
 * The causes of the non-passing (FAIL and ERROR) results, most frequent first (ties by name).
 * A non-passing result without a cause counts as "unexplained". Returns a heap array (caller
 * frees; its strings point into results) of *ncauses rows, or NULL when none or out of memory.
 */
ic_cause_count *ic_cause_counts(const ic_case_result *results, size_t n, size_t *ncauses);

/** The cause of a non-passing result as the reports show it ("unexplained" when NULL). */
const char *ic_result_cause(const ic_case_result *r);

/** Fills *s from results[0..n). */
void ic_summarize(const ic_case_result *results, size_t n, ic_summary *s);

/**
 * The FAIL and ERROR results no expectation covers, plus the XPASS ones when xpass_fails:
 * what makes a run's exit status 1.
 */
size_t ic_summary_unexpected(const ic_summary *s, int xpass_fails);

/**
 * True when the run counts as conformance: no FAIL and no ERROR (expected or not) and no
 * tolerance profile.
 */
int ic_summary_conformant(const ic_summary *s, const ic_run_info *info);

/** Frees the strings and arrays inside results[0..n) and the array itself. */
void ic_results_free(ic_case_result *results, size_t n);

/** Frees the strings inside info (not info itself). */
void ic_run_info_free(ic_run_info *info);

/** Name of a verdict: "PASS", "FAIL", "ERROR", "SKIP". */
const char *ic_verdict_name(int32_t verdict);

/** malloc'ed copy of s, or NULL when s is NULL or memory is out. */
char *ic_strdup(const char *s);

/** vsnprintf into msg when msg is non-NULL and msg_len > 0 (one line of error detail). */
void ic_set_msg(char *msg, size_t msg_len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif /* IC_RESULTS_H */
