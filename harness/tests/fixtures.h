/* fixtures.h - builds small hand-checkable vector sets (and hostile ones) in a temp dir. */
#ifndef IC_FIXTURES_H
#define IC_FIXTURES_H

#include <stddef.h>

/** Creates a fresh temp directory with a blobs/ subdirectory; returns a static-lifetime path
 *  (heap, caller frees) or NULL. */
char *fx_dir_new(void);

/** Writes data as blobs/<sha256>.bin in dir and puts the hex name in sha[65]. */
void fx_blob(const char *dir, const void *data, size_t len, char sha[65]);

/** Writes text as dir/manifest.json. */
void fx_manifest(const char *dir, const char *text);

/** Removes dir/blobs/ *, dir/manifest.json, and the directories. */
void fx_dir_remove(const char *dir);

/**
 * The JSON of one float32 1-D nearest case: input [1,1,nin] with values 1..nin, size [nout],
 * expected from `want` (nout floats); blobs are written to dir. extra is spliced into the
 * case object (e.g. "\"error\": {...},"), may be "". Returns a heap string.
 */
char *fx_nearest_case(const char *dir, const char *id, int nin, int nout, const float *want,
                      const char *extra);

/** Wraps case objects (comma-separated JSON text) into a whole manifest. Heap string. */
char *fx_wrap(const char *cases);

#endif /* IC_FIXTURES_H */
