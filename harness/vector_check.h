/* vector_check.h - does a value vector's expected output agree with its call? */
#ifndef IC_VECTOR_CHECK_H
#define IC_VECTOR_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "manifest.h"

/**
 * For a value case (input and call parsed; `expected` one oracle's output): NULL when the
 * expected dtype, rank and
 * shape are what torch.nn.functional.interpolate returns for this input and call, otherwise
 * one line naming the contradiction, written into buf. A contradicting vector is the vector's
 * fault (bad-vector), never the port's.
 */
const char *ic_case_contradiction(const ic_case *c, const ic_tdesc *expected, char *buf,
                                  size_t len);

/** Deepest nesting of arrays and objects in JSON text (strings skipped), for a clear message
 *  when a parser refuses a document for its depth. */
size_t ic_json_depth(const char *text, size_t len);

/**
 * Opens path for reading without blocking (a FIFO never hangs the harness) and only when it is
 * a regular file, checked with fstat before any read. NULL with one line in msg otherwise.
 */
FILE *ic_open_regular(const char *path, char *msg, size_t msg_len);

#endif /* IC_VECTOR_CHECK_H */
