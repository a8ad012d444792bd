/* run.h - selects the cases of a run and scores them (forked children, --jobs at a time). */
#ifndef IC_RUN_H
#define IC_RUN_H

#include <stdio.h>

#include "filter.h"
#include "manifest.h"
#include "port_loader.h"
#include "results.h"

struct ic_expectations;

/** Options of one scoring run. */
typedef struct ic_run_opts {
    ic_filter filter;
    int strict;
    int jobs;       /* concurrent children, 1..64 */
    double timeout; /* seconds per case */
    int no_fork;
    int no_sandbox; /* case children without the seccomp filter */
    int quiet;      /* no per-case lines */
    int verbose;    /* also SKIP and PASS lines */
    int progress;   /* \r progress on stderr */
    FILE *out;      /* per-case lines */
    struct ic_expectations
        *expect; /* --expect rules applied to each result as it comes; or NULL */
} ic_run_opts;

/**
 * Indices (into m->cases, which is sorted by id) of the cases the filter and shard select.
 * Returns a heap array (caller frees) and its length in *n; NULL with *n = 0 when none or OOM.
 */
size_t *ic_run_select(const ic_manifest *m, const ic_filter *f, size_t *n);

/**
 * Scores sel[0..nsel) of m against the port: blobs must be loaded. Writes one line per
 * non-pass to o->out as results come in. Returns a heap array of nsel results, in sel order.
 */
ic_case_result *ic_run_cases(const ic_run_opts *o, const ic_loaded_port *lp, const ic_manifest *m,
                             const size_t *sel, size_t nsel);

#endif /* IC_RUN_H */
