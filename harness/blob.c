/* blob.c - reads content-addressed blobs and verifies their sha256 (OpenSSL libcrypto). */
#define _POSIX_C_SOURCE 200809L
#include "blob.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

/** Hex sha256 of a buffer via EVP_Digest (one call, no per-call context to leak). */
int ic_sha256_hex(const void *data, size_t len, char out[65])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    unsigned int i;
    static const unsigned char empty = 0;

    if (EVP_Digest(len ? data : &empty, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32) {
        out[0] = '\0';
        return -1;
    }
    for (i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
    return 0;
}

/** True for exactly 64 lowercase hex digits (blob names must not smuggle in '/' or '..'). */
int ic_is_sha256_hex(const char *s)
{
    size_t i;

    for (i = 0; i < 64; i++) {
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) {
            return 0;
        }
    }
    return s[64] == '\0';
}

static int open_blob(const char *dir, ic_blob *b, struct stat *st)
{
    char path[4096];
    int fd;

    if (!ic_is_sha256_hex(b->sha)) {
        snprintf(b->err, sizeof b->err, "blob name is not a sha256");
        return -1;
    }
    snprintf(path, sizeof path, "%s/blobs/%s.bin", dir, b->sha);
    /* Non-blocking: a FIFO or a device planted in blobs/ must not hang the open(); fstat
       then refuses everything but a regular file before a single read. */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        snprintf(b->err, sizeof b->err, "blobs/%s.bin: %s", b->sha, strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        snprintf(b->err, sizeof b->err, "blobs/%s.bin: not a regular file", b->sha);
        close(fd);
        return -1;
    }
    return fd;
}

/** Sizes one blob file. */
void ic_blob_stat(const char *dir, int64_t max_bytes, ic_blob *b)
{
    struct stat st;
    int fd = open_blob(dir, b, &st);

    b->ok = 0;
    b->data = NULL;
    b->size = -1;
    if (fd < 0) {
        return;
    }
    close(fd);
    if ((int64_t)st.st_size > max_bytes) {
        snprintf(b->err, sizeof b->err, "blobs/%s.bin: %lld bytes, over the cap", b->sha,
                 (long long)st.st_size);
        return;
    }
    b->size = (int64_t)st.st_size;
}

/** Reads and verifies one blob into dest; failures land in b->err, never on stderr. */
void ic_blob_read(const char *dir, ic_blob *b, void *dest)
{
    struct stat st;
    char got[65];
    size_t done = 0;
    int fd;

    b->ok = 0;
    b->data = NULL;
    if (b->size < 0) {
        return;
    }
    fd = open_blob(dir, b, &st);
    if (fd < 0) {
        return;
    }
    if ((int64_t)st.st_size != b->size) {
        snprintf(b->err, sizeof b->err, "blobs/%s.bin: changed size while loading", b->sha);
        close(fd);
        return;
    }
    while (done < (size_t)b->size) {
        ssize_t r = read(fd, (char *)dest + done, (size_t)b->size - done);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            snprintf(b->err, sizeof b->err, "blobs/%s.bin: short read", b->sha);
            close(fd);
            return;
        }
        done += (size_t)r;
    }
    close(fd);
    if (ic_sha256_hex(dest, (size_t)b->size, got) != 0) {
        snprintf(b->err, sizeof b->err, "blobs/%s.bin: sha256 failed", b->sha);
    } else if (strcmp(got, b->sha) != 0) {
        snprintf(b->err, sizeof b->err, "blobs/%s.bin: sha256 mismatch (content is %.16s...)",
                 b->sha, got);
    } else {
        b->ok = 1;
        b->data = b->size > 0 ? dest : NULL;
    }
}
