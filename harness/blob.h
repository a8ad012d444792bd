/* blob.h - content-addressed blob files: reading, sha256 verification, the per-run store. */
#ifndef IC_BLOB_H
#define IC_BLOB_H

#include <stddef.h>
#include <stdint.h>

/** One distinct blob of the run, read and hashed once. */
typedef struct ic_blob {
    char sha[65];
    void *data; /* inside the manifest's blob arena; NULL for an empty or failed blob */
    int64_t size;
    int ok;        /* 1 when read and verified */
    char err[200]; /* why not ok */
} ic_blob;

/** Writes the lowercase hex sha256 of data[0..len) into out[65]. Returns 0, -1 on failure. */
int ic_sha256_hex(const void *data, size_t len, char out[65]);

/**
 * Sets b->size to the size of `dir`/blobs/<sha>.bin (b->sha must be set), or b->size = -1 and
 * b->err when it is missing, not a regular file or larger than max_bytes.
 */
void ic_blob_stat(const char *dir, int64_t max_bytes, ic_blob *b);

/**
 * Reads the blob (sized by ic_blob_stat) into dest, which has room for b->size bytes, and
 * checks that the file still has that size and that its sha256 equals its name. Sets b->ok
 * and b->data = dest, or b->err.
 */
void ic_blob_read(const char *dir, ic_blob *b, void *dest);

/** Returns 1 when s is exactly 64 lowercase hex digits. */
int ic_is_sha256_hex(const char *s);

#endif /* IC_BLOB_H */
