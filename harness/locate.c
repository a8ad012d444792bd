/* locate.c - the default vector directory: environment, next to the installed binary, ./. */
#define _XOPEN_SOURCE 700
#include "locate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The installed layout, relative to the directory holding the interpcheck binary. */
#define IC_VECTORS_FROM_BINDIR "../share/interpcheck/vectors"

static int has_manifest(const char *dir)
{
    char p[4096];

    if (snprintf(p, sizeof p, "%s/manifest.json", dir) >= (int)sizeof p) {
        return 0;
    }
    return access(p, R_OK) == 0;
}

/* The directory of the running executable into buf; returns 0 or -1. */
static int exe_dir(const char *argv0, char *buf, size_t len)
{
    ssize_t n = -1;
    char *slash;

    if (len < 2) {
        return -1;
    }
#ifdef __linux__
    n = readlink("/proc/self/exe", buf, len - 1);
#endif
    if (n > 0 && (size_t)n < len - 1) {
        buf[n] = '\0';
    } else if (argv0 != NULL && strchr(argv0, '/') != NULL && strlen(argv0) < len) {
        snprintf(buf, len, "%s", argv0);
    } else {
        return -1;
    }
    slash = strrchr(buf, '/');
    if (slash == NULL) {
        return -1;
    }
    if (slash == buf) {
        slash[1] = '\0';
    } else {
        *slash = '\0';
    }
    return 0;
}

/** See locate.h for the order. */
int ic_locate_vectors(const char *argv0, char *buf, size_t len)
{
    const char *env = getenv("INTERPCHECK_VECTORS");
    char dir[4096], cand[4096 + 64];

    if (env != NULL && env[0] != '\0') {
        snprintf(buf, len, "%s", env);
        return 0;
    }
    cand[0] = '\0';
    if (exe_dir(argv0, dir, sizeof dir) == 0) {
        snprintf(cand, sizeof cand, "%s/%s", dir, IC_VECTORS_FROM_BINDIR);
        if (has_manifest(cand)) {
            char *real = realpath(cand, NULL);
            snprintf(buf, len, "%s", real != NULL ? real : cand);
            free(real);
            return 0;
        }
    }
    if (has_manifest("vectors")) {
        snprintf(buf, len, "vectors");
        return 0;
    }
    snprintf(buf, len,
             "no vectors found (tried $INTERPCHECK_VECTORS, %s, ./vectors); "
             "give --vectors DIR",
             cand[0] ? cand : "the installed share/interpcheck/vectors");
    return -1;
}
