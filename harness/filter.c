/* filter.c - include/exclude glob matching and deterministic sharding. */
#define _POSIX_C_SOURCE 200809L
#include "filter.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/** Glob over the id, or over each tag when the pattern names a key (contains ':'). */
int ic_pattern_matches(const char *pattern, const char *id, char *const *tags, size_t ntags)
{
    size_t t;

    if (strchr(pattern, ':') == NULL) {
        return fnmatch(pattern, id, 0) == 0;
    }
    for (t = 0; t < ntags; t++) {
        if (fnmatch(pattern, tags[t], 0) == 0) {
            return 1;
        }
    }
    return 0;
}

/** Include rules are OR'ed, exclude rules win. */
int ic_filter_selects(const ic_filter *f, const char *id, char *const *tags, size_t ntags)
{
    size_t i;
    int in = f->ninclude == 0;

    for (i = 0; i < f->ninclude && !in; i++) {
        in = ic_pattern_matches(f->include[i], id, tags, ntags);
    }
    if (!in) {
        return 0;
    }
    for (i = 0; i < f->nexclude; i++) {
        if (ic_pattern_matches(f->exclude[i], id, tags, ntags)) {
            return 0;
        }
    }
    return 1;
}

/** Round-robin over the sorted selection: every case lands in exactly one shard. */
int ic_shard_selects(const ic_filter *f, size_t i)
{
    if (f->shard_n <= 0) {
        return 1;
    }
    return (long)(i % (size_t)f->shard_n) == f->shard_k - 1;
}

/** Parses K/N. */
int ic_shard_parse(const char *s, long *k, long *n)
{
    char *end;

    errno = 0;
    *k = strtol(s, &end, 10);
    if (end == s || *end != '/' || errno != 0) {
        return -1;
    }
    s = end + 1;
    *n = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno != 0 || *n < 1 || *n > 1000000 || *k < 1 || *k > *n) {
        return -1;
    }
    return 0;
}
