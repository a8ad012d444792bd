/* filter.h - case selection: --include/--exclude globs on ids or key:value tags, --shard K/N. */
#ifndef IC_FILTER_H
#define IC_FILTER_H

#include <stddef.h>

/** The selection options of a run. Pattern arrays are borrowed (argv), not owned. */
typedef struct ic_filter {
    const char **include;
    size_t ninclude;
    const char **exclude;
    size_t nexclude;
    long shard_k; /* 1-based; 0 when not sharding */
    long shard_n;
} ic_filter;

/**
 * True when pattern matches the case: a pattern containing ':' is an fnmatch glob over each
 * tag ("mode:bi*"), any other pattern an fnmatch glob over the id.
 */
int ic_pattern_matches(const char *pattern, const char *id, char *const *tags, size_t ntags);

/** True when the case passes the include/exclude rules (no include given: all included). */
int ic_filter_selects(const ic_filter *f, const char *id, char *const *tags, size_t ntags);

/**
 * True when the i-th selected case (0-based, in id order) belongs to this shard:
 * i % N == K - 1. Always true without --shard.
 */
int ic_shard_selects(const ic_filter *f, size_t i);

/** Parses "K/N" with 1 <= K <= N; returns 0 or -1. */
int ic_shard_parse(const char *s, long *k, long *n);

#endif /* IC_FILTER_H */
