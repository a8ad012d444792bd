/* safe_file.c - temporary file + rename for every report (safe_file.h). */
#define _POSIX_C_SOURCE 200809L
#include "safe_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "results.h"

/** mkstemp beside path. */
int ic_safe_open(const char *path, ic_safe_file *sf, char *msg, size_t msg_len)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
    size_t n = strlen(path) + 16;
    mode_t mask;
    int fd;

    sf->f = NULL;
    sf->tmp = malloc(n);
    if (sf->tmp == NULL) {
        ic_set_msg(msg, msg_len, "%s: out of memory", path);
        return -1;
    }
    snprintf(sf->tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    fd = mkstemp(sf->tmp);
    if (fd < 0) {
        ic_set_msg(msg, msg_len, "%s: cannot create a file beside it: %s", path, strerror(errno));
        free(sf->tmp);
        sf->tmp = NULL;
        return -1;
    }
    mask = umask(022);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    sf->f = fdopen(fd, "w");
    if (sf->f == NULL) {
        ic_set_msg(msg, msg_len, "%s: fdopen: %s", path, strerror(errno));
        close(fd);
        unlink(sf->tmp);
        free(sf->tmp);
        sf->tmp = NULL;
        return -1;
    }
    return 0;
}

/** fclose + rename, or fclose + unlink. */
int ic_safe_commit(ic_safe_file *sf, const char *path, int ok, char *msg, size_t msg_len)
{
    int rc = 0;

    if (sf->f == NULL || sf->tmp == NULL) {
        return -1;
    }
    if (ok && ferror(sf->f)) {
        ic_set_msg(msg, msg_len, "%s: write failed: %s", path, strerror(errno));
        ok = 0;
    }
    if (fclose(sf->f) != 0 && ok) {
        ic_set_msg(msg, msg_len, "%s: write failed: %s", path, strerror(errno));
        ok = 0;
    }
    sf->f = NULL;
    if (ok && rename(sf->tmp, path) != 0) {
        ic_set_msg(msg, msg_len, "%s: cannot rename the finished report into place: %s", path,
                   strerror(errno));
        ok = 0;
    }
    if (!ok) {
        unlink(sf->tmp);
        rc = -1;
    }
    free(sf->tmp);
    sf->tmp = NULL;
    return rc;
}
