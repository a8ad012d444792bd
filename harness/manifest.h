/* manifest.h - the vector manifest in memory (vectors/FORMAT.md, versions 1 and 2), its loader. */
#ifndef IC_MANIFEST_H
#define IC_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "ic_port.h"

/** Largest tensor the harness accepts from a manifest (bytes): anything bigger is hostile. */
#define IC_MAX_TENSOR_BYTES ((int64_t)1 << 30)

/** One tensor described by the manifest, with its bytes once the blob is loaded. */
typedef struct ic_tdesc {
    int32_t dtype; /* enum ic_dtype */
    int32_t ndim;
    int64_t shape[IC_MAX_DIMS];
    int64_t strides[IC_MAX_DIMS]; /* elements; contiguous when the manifest gives none */
    uint32_t layout;              /* IC_LAYOUT_* bit (input only) */
    char blob[65];                /* lowercase hex sha256 */
    int64_t nbytes;
    int64_t numel;
    const void *data; /* owned by the manifest's blob store; NULL until loaded */
} ic_tdesc;

/** A stored alternative torch output (another dispatch or memory format). */
typedef struct ic_alt {
    char variant[32];
    ic_tdesc t; /* shape/dtype of the expected output, its own blob */
} ic_alt;

/** Most oracles (torch versions) one manifest may carry. */
#define IC_MAX_ORACLES 4

/** One oracle's outcome of a case: an output (with alternatives and float64) or an error. */
typedef struct ic_expect {
    int present; /* 1 when this slot holds an outcome */
    int has_expected;
    ic_tdesc expected;
    ic_alt *alts;
    size_t nalts;
    int has_f64;
    ic_tdesc f64;
    int32_t error_cat; /* 0 for an output, else enum ic_status 1..5 */
    char *error_class;
} ic_expect;

/** One oracle (a torch version) of the manifest, with its provenance in one line. */
typedef struct ic_oracle {
    char name[16];    /* "2.14", "1.13" */
    char *provenance; /* "torch 2.14.1+debian (python3-torch 2.14.1+dfsg-1), DEFAULT ..." */
} ic_oracle;

/** One case. When `bad` is non-NULL the case is malformed and scores ERROR "bad-vector".
 *  The outcome fields (has_expected ... error_class) are those of the selected oracle; the
 *  other oracles' outcomes are in `others`, indexed like ic_manifest.oracles (the selected
 *  oracle's slot there is empty). */
typedef struct ic_case {
    char *id;
    char **tags;
    size_t ntags;
    char *mode; /* call.mode; args.mode points here */
    ic_args args;
    ic_tdesc input;
    int has_expected;
    ic_tdesc expected;
    ic_alt *alts;
    size_t nalts;
    int has_f64;       /* float32 cases: torch's float64 result of the same input */
    ic_tdesc f64;      /* contiguous float64, the expected shape (informational) */
    int tol_float;     /* 1: "float" tolerance, 0: "exact" */
    int32_t error_cat; /* 0 for value cases, else enum ic_status 1..5 */
    char *error_class; /* Python exception class, error cases only */
    char *bad;         /* one line naming the field, or NULL */
    /* A tolerance profile (--atol/--rtol), set by the command line after loading, not by the
       manifest: float-tolerance elements within atol + rtol*|torch| also pass. */
    int has_profile;
    double prof_atol, prof_rtol;
    int32_t oracle;  /* index of the selected oracle in ic_manifest.oracles */
    size_t noracles; /* number of oracles of the manifest */
    ic_expect others[IC_MAX_ORACLES];
} ic_case;

/** A loaded manifest. */
typedef struct ic_manifest {
    char *dir;       /* the vectors directory */
    char sha256[65]; /* sha256 of manifest.json */
    int32_t format_version;
    ic_oracle oracles[IC_MAX_ORACLES]; /* in manifest order (the newest first) */
    size_t noracles;
    int32_t oracle;         /* index of the selected oracle */
    int32_t default_oracle; /* index of the manifest's default_oracle */
    ic_case *cases;         /* sorted by id */
    size_t ncases;
    /* blob store (private to manifest.c / blob.c) */
    struct ic_blob *blobs;
    size_t nblobs;
    void *arena; /* every blob's bytes, one mapping excluded from forked children */
    size_t arena_len;
} ic_manifest;

/** Size in bytes of one element of dtype, 0 for an unknown dtype. */
size_t ic_dtype_size(int32_t dtype);

/** Name of a dtype as the manifest spells it ("float32"...), "?" if unknown. */
const char *ic_dtype_name(int32_t dtype);

/**
 * Parses `dir`/manifest.json into *m (blobs not loaded). Malformed cases are kept, with `bad`
 * set, so that they score ERROR. Returns 0, or -1 with one line in msg when the manifest as a
 * whole cannot be used (unreadable, not JSON, wrong format or format_version).
 */
int ic_manifest_load(const char *dir, ic_manifest *m, char *msg, size_t msg_len);

/**
 * ic_manifest_load for one oracle: `oracle` names a torch version of the manifest ("2.14",
 * "1.13"); NULL or "" selects the manifest's default_oracle (the newest). Returns 0; -1 as
 * ic_manifest_load; -2 when the manifest has no such oracle (msg lists the ones it has).
 */
int ic_manifest_load_oracle(const char *dir, const char *oracle, ic_manifest *m, char *msg,
                            size_t msg_len);

/**
 * Parses manifest JSON text already in memory (for tests); `dir` is where blobs live.
 * Same contract as ic_manifest_load.
 */
int ic_manifest_parse(const char *dir, const char *text, size_t len, ic_manifest *m, char *msg,
                      size_t msg_len);

/** ic_manifest_parse for one oracle; same contract as ic_manifest_load_oracle. */
int ic_manifest_parse_oracle(const char *dir, const char *oracle, const char *text, size_t len,
                             ic_manifest *m, char *msg, size_t msg_len);

/**
 * A copy of case c whose outcome fields are those of oracle k (shallow: it shares c's
 * buffers; never free it). Returns 0, or -1 when c has no outcome for oracle k.
 */
int ic_case_for_oracle(const ic_case *c, size_t k, ic_case *out);

/**
 * Loads and verifies (sha256, size) every blob used by the cases whose `want[i]` is non-zero
 * (all cases when want is NULL); each blob is read and hashed once. A case whose blob is
 * missing or corrupt gets `bad` set. Returns the number of cases newly marked bad.
 */
size_t ic_manifest_load_blobs(ic_manifest *m, const unsigned char *want);

/** Frees everything inside *m. */
void ic_manifest_free(ic_manifest *m);

/**
 * Checks a tensor description: dtype known, 0 <= ndim <= IC_MAX_DIMS, shape >= 0, strides >= 0,
 * and that nbytes equals (1 + sum((shape_k-1)*stride_k)) * itemsize (0 for an empty tensor),
 * all with overflow-checked arithmetic and the IC_MAX_TENSOR_BYTES cap. Also sets numel.
 * Returns 0, or -1 with the offending field in msg.
 */
int ic_tdesc_check(ic_tdesc *t, char *msg, size_t msg_len);

#endif /* IC_MANIFEST_H */
