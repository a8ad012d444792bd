/* cause.h - names the cause of a non-passing case: the what-if semantics of the reference the
 * port matches, else a recognisable pattern, else "unexplained".
 *
 * The harness links the reference (libicref). For a FAIL it re-runs the call under documented
 * departures from torch (icr_semantics what-if bits, argument rewrites, the other torch
 * release) and asks which one the port's output matches within the same per-element bound the
 * scorer used (bit for bit in exact and --strict scoring). One switch first, then the smallest
 * pair. A what-if only counts when it explains the failure: on at least half of the port's
 * wrong elements the what-if's own output is outside torch's tolerance too. This runs in the
 * scoring process, on trusted code (the reference), never in a port's child.
 */
#ifndef IC_CAUSE_H
#define IC_CAUSE_H

#include <stddef.h>
#include <stdint.h>

#include "diagnose.h"
#include "manifest.h"
#include "results.h"

/**
 * The torch release the verdicts are against (the run's oracle, "1.13" or "2.14"): the
 * reference follows it, and the what-ifs depart from it. Returns 0, -1 for a version the
 * reference does not know (then the what-ifs stay off).
 */
int ic_cause_set_torch(const char *version);

/** Turns the what-if re-runs on (default) or off (--no-whatif: patterns only, to time them). */
void ic_cause_set_whatifs(int on);

/** Number of what-ifs in the table, and the name and one-line description of the i-th. */
size_t ic_whatif_count(void);
const char *ic_whatif_name(size_t i);
const char *ic_whatif_doc(size_t i);

/**
 * The cause of a FAIL `values` (d as ic_diagnose takes it, with d->c's input loaded): writes
 * the cause name into cause ("scale-recomputed", "a+b" for a pair, a pattern name of
 * ic_diag_pattern, "rounding" for a --strict failure inside the tolerance, or "unexplained")
 * and, when a what-if matched, "cause: NAME: description" into why (else why is ""). When
 * several single what-ifs explain it, all their names go into cands (space-separated, table
 * order; the first is the cause), else cands is "".
 */
void ic_cause_values(const ic_diag_in *d, int strict, char *cause, size_t clen, char *why,
                     size_t wlen, char *cands, size_t cnlen);

/**
 * The cause of a FAIL `shape`: the what-if whose output shape equals the port's
 * (ndim, shape), else "wrong-shape". why and cands as for ic_cause_values.
 */
void ic_cause_shape(const ic_case *c, int32_t ndim, const int64_t *shape, char *cause, size_t clen,
                    char *why, size_t wlen, char *cands, size_t cnlen);

/**
 * Run-wide parsimony: a port usually has one defect, so a case that several what-ifs explain
 * gets the candidate that explains the most cases of the run (ties: the table's order), and
 * its message's "cause: ..." tail is rewritten to match.
 */
void ic_cause_resolve(ic_case_result *results, size_t n);

/**
 * The cause of a call whose status differs from the oracle's (ERROR refused or accepted, FAIL
 * category): the other torch release when the reference, following it, answers the port's
 * status (IC_OK when the port accepted); NULL otherwise.
 */
const char *ic_cause_status(const ic_case *c, int32_t port_status);

/** The cause of any other non-passing result, from its kind ("category" -> "error-category",
 * ERROR kinds -> the kind itself, "unwritten" -> "sentinel"); "unexplained" for NULL. */
const char *ic_cause_of_kind(const char *kind);

#endif /* IC_CAUSE_H */
