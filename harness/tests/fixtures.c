/* fixtures.c - hand-checkable vector sets for the harness unit tests. */
#include "fixtures.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blob.h"

/** mkdtemp + blobs/. */
char *fx_dir_new(void)
{
    char tmpl[] = "/tmp/ic-harness-test-XXXXXX";
    char path[200];
    char *d = mkdtemp(tmpl);

    if (d == NULL) {
        return NULL;
    }
    snprintf(path, sizeof path, "%s/blobs", d);
    mkdir(path, 0700);
    return strdup(d);
}

/** Content-addressed write. */
void fx_blob(const char *dir, const void *data, size_t len, char sha[65])
{
    char path[300];
    FILE *f;

    ic_sha256_hex(data, len, sha);
    snprintf(path, sizeof path, "%s/blobs/%s.bin", dir, sha);
    f = fopen(path, "wb");
    if (f != NULL) {
        if (len > 0) {
            fwrite(data, 1, len, f);
        }
        fclose(f);
    }
}

/** dir/manifest.json. */
void fx_manifest(const char *dir, const char *text)
{
    char path[300];
    FILE *f;

    snprintf(path, sizeof path, "%s/manifest.json", dir);
    f = fopen(path, "wb");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

/** rm -r of what the fixtures wrote. */
void fx_dir_remove(const char *dir)
{
    char path[600];
    DIR *d;
    struct dirent *e;

    snprintf(path, sizeof path, "%s/blobs", dir);
    d = opendir(path);
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') {
            snprintf(path, sizeof path, "%s/blobs/%s", dir, e->d_name);
            unlink(path);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    snprintf(path, sizeof path, "%s/blobs", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    unlink(path);
    rmdir(dir);
}

/** One 1-D float32 nearest case with input 1..nin. */
char *fx_nearest_case(const char *dir, const char *id, int nin, int nout, const float *want,
                      const char *extra)
{
    float in[64];
    char sin[65], sout[65];
    char *s = malloc(4096);
    int i;

    for (i = 0; i < nin && i < 64; i++) {
        in[i] = (float)(i + 1);
    }
    fx_blob(dir, in, (size_t)nin * 4, sin);
    fx_blob(dir, want, (size_t)nout * 4, sout);
    snprintf(s, 4096,
             "{\"id\": \"%s\", \"family\": \"sanity\", \"tags\": [\"mode:nearest\", \"dims:1\","
             " \"ac:none\", \"dtype:float32\"], %s"
             "\"call\": {\"mode\": \"nearest\", \"size\": [%d], \"scale_factor\": null,"
             " \"align_corners\": null, \"recompute_scale_factor\": null, \"antialias\": false,"
             " \"size_is_float\": false},"
             "\"input\": {\"dtype\": \"float32\", \"shape\": [1,1,%d], \"strides\": [%d,%d,1],"
             " \"layout\": \"contiguous\", \"blob\": \"%s\", \"nbytes\": %d},"
             "\"expected\": {\"dtype\": \"float32\", \"shape\": [1,1,%d], \"blob\": \"%s\","
             " \"nbytes\": %d}, \"tolerance\": \"exact\", \"error\": null}",
             id, extra, nout, nin, nin, nin, sin, nin * 4, nout, sout, nout * 4);
    return s;
}

/** The manifest envelope. */
char *fx_wrap(const char *cases)
{
    size_t n = strlen(cases) + 200;
    char *s = malloc(n);

    snprintf(s, n,
             "{\"format\": \"interpcheck-vectors\", \"format_version\": 1,"
             " \"provenance\": {}, \"cases\": [%s]}",
             cases);
    return s;
}
