/* safe_file.h - writes a report beside its target and renames it into place, so a path that a
 * port (or anyone) turned into a symlink during the run is replaced, never written through. */
#ifndef IC_SAFE_FILE_H
#define IC_SAFE_FILE_H

#include <stddef.h>
#include <stdio.h>

/** An output file in progress: the stream and the temporary name beside the target. */
typedef struct ic_safe_file {
    FILE *f;
    char *tmp;
} ic_safe_file;

/**
 * Creates a fresh temporary file (O_EXCL, mode 0666 less the umask) in path's directory.
 * Returns 0, or -1 with one line in msg.
 */
int ic_safe_open(const char *path, ic_safe_file *sf, char *msg, size_t msg_len);

/**
 * Closes the stream; when ok and every write succeeded, renames the temporary file over path
 * (replacing a symlink there rather than following it) and returns 0. Otherwise removes the
 * temporary file and returns -1 with one line in msg (unless ok was 0: msg is left alone).
 */
int ic_safe_commit(ic_safe_file *sf, const char *path, int ok, char *msg, size_t msg_len);

#endif /* IC_SAFE_FILE_H */
