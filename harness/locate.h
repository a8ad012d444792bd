/* locate.h - where the vectors are when --vectors is not given (an installed suite). */
#ifndef IC_LOCATE_H
#define IC_LOCATE_H

#include <stddef.h>

/**
 * Finds the default vector directory, first that holds a manifest.json:
 *   1. $INTERPCHECK_VECTORS (when set and non-empty it is used even without a manifest, so
 *      that a wrong value is reported rather than silently skipped);
 *   2. BINDIR/../share/interpcheck/vectors, BINDIR being the directory of the running
 *      executable (/proc/self/exe, else argv0 when it holds a '/'): the installed layout,
 *      `make install PREFIX=P` puts the binary in P/bin and the vectors in
 *      P/share/interpcheck/vectors, and a DESTDIR staging tree or a moved prefix still works;
 *   3. ./vectors (running from a checkout).
 * Writes the path into buf and returns 0; returns -1 with buf naming the places tried.
 */
int ic_locate_vectors(const char *argv0, char *buf, size_t len);

#endif /* IC_LOCATE_H */
