/* sandbox.h - runs one case of a port in a forked child, between guard pages, with a timeout. */
#ifndef IC_SANDBOX_H
#define IC_SANDBOX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ic_port.h"
#include "manifest.h"
#include "port_loader.h"
#include "results.h"

/** The harness-owned buffers of one case (see harness/README.md for the layout). */
typedef struct ic_bufs {
    unsigned char *in_map; /* [guard][slack | input][guard], input ends at the 2nd guard */
    size_t in_map_len;
    unsigned char *in; /* input start */
    size_t in_len;
    unsigned char *out_map; /* [guard][slack | output][guard], output ends at the 2nd guard */
    size_t out_map_len;
    unsigned char *out; /* output start */
    size_t out_len;
    int memfd; /* backs both mappings (input at 0, output after it); 0: none */
} ic_bufs;

/** What the child reported, and how it ended. */
typedef struct ic_outcome {
    int skipped;    /* supports() returned 0 */
    int have_shape; /* output_shape returned */
    int32_t shape_status;
    int32_t ndim;
    int64_t shape[IC_MAX_DIMS];
    int have_done; /* interpolate returned */
    int32_t status;
    char msg[256];        /* the port's message of the last call */
    int u8_rechecked;     /* uint8: the child ran the two-sentinel recheck (sandbox.c) */
    int64_t u8_unwritten; /* ... and found this many elements unwritten under both */
    int64_t u8_first;     /* flat index of the first */
    int have_fault;       /* SIGSEGV/SIGBUS handler ran */
    int fault_signo;
    uintptr_t fault_addr;
    int have_denied;  /* the seccomp filter stopped a system call (SIGSYS) */
    int denied_nr;    /* ... this one */
    int child_failed; /* the harness's own part of the child failed: child_msg says why */
    char child_msg[256];
    int have_exit; /* the case's leader (loader mode) reported how the child ended */
    int exit_wstatus;
    int timed_out;
    int term_signal; /* killed by this signal, 0 if it exited */
    int exit_code;
    double seconds;
} ic_outcome;

/** A running (or finished) child. */
typedef struct ic_job {
    const ic_case *c;
    ic_bufs bufs;
    pid_t pid;
    int fd;    /* read end of the record pipe */
    int pidfd; /* pidfd_open() of the child (readable when it exits), or -1 */
    int eof;
    double t0, deadline;
    unsigned char rbuf[4096];
    size_t rlen;
    ic_outcome out;
    /* Set by the caller before ic_job_start: the other jobs of the run (their buffers are
       unmapped in this job's child) and whether the child runs under the seccomp filter. */
    const struct ic_job *siblings;
    size_t nsiblings;
    int sandbox;
    int via_loader; /* started by the loader process: not our child, ends at the pipe's EOF */
} ic_job;

/** What the supervisor sends the loader to start one case (fixed size, no pointers used). */
typedef struct ic_case_call {
    ic_tdesc input, expected; /* data pointers meaningless */
    int32_t has_expected;
    int32_t sandbox;
    ic_args args; /* mode points at `mode` once received */
    char mode[128];
    uint64_t in_map, in_map_len, in, in_len;
    uint64_t out_map, out_map_len, out, out_len;
} ic_case_call;

/**
 * In a child of the loader: maps the case's memfd at the supervisor's addresses (input, then
 * output), sets the guard pages, and runs the case like a forked child (own descriptors,
 * limits, handlers, seccomp filter when call->sandbox). Never returns.
 */
void ic_case_child_from_call(const ic_case_call *call, const ic_loaded_port *lp, int result_fd,
                             int memfd);

/** The leader's last record: how the case child ended (a waitpid status). */
void ic_write_exit_record(int fd, int wstatus);

/** Sentinel bit patterns the output is pre-filled with (signalling NaNs, 0xA5). */
#define IC_SENTINEL_F32 0x7fa5a5a5u
#define IC_SENTINEL_F64 0x7ff4a5a5a5a5a5a5ull
#define IC_SENTINEL_U8 0xa5u
/* 16-bit signalling NaNs (float16, bfloat16): no arithmetic result, no quiet copy of a NaN. */
#define IC_SENTINEL_F16 0x7da5u
#define IC_SENTINEL_BF16 0x7fa5u
/** The second uint8 sentinel: the call is repeated with it when 0xA5 survives the first. */
#define IC_SENTINEL_U8_B 0x3cu
/** Byte pattern of the slack between the leading guard and the output/input start. */
#define IC_SLACK_BYTE 0x5au

/**
 * Maps the input (copied, read-only, between guards) and, for value cases, the sentinel-filled
 * shared output. Returns 0, or -1 with msg.
 */
int ic_bufs_prepare(const ic_case *c, ic_bufs *b, char *msg, size_t msg_len);

/** Unmaps both buffers. */
void ic_bufs_release(ic_bufs *b);

/**
 * Classifies a faulting address against the buffers: "oob-write", "oob-write (before start)",
 * "oob-read", "oob-read (before start)", "input-mutated", or NULL (elsewhere: a crash).
 */
const char *ic_fault_kind(const ic_bufs *b, uintptr_t addr);

/** After the call: "oob-write (before start)" if the output slack changed, else NULL. */
const char *ic_bufs_slack_changed(const ic_bufs *b);

/** After the call: 1 when the input bytes differ from the case's blob. */
int ic_bufs_input_changed(const ic_bufs *b, const ic_case *c);

/**
 * Starts the case in a forked child (buffers prepared by the caller into j->bufs).
 * Returns 0, or -1 with msg (fork/pipe failure).
 */
int ic_job_start(ic_job *j, const ic_loaded_port *lp, const ic_case *c, double timeout_s,
                 char *msg, size_t msg_len);

/**
 * Waits until at least one of jobs[0..n) with pid > 0 finishes (or times out, then SIGKILL),
 * for at most max_wait_s. Returns the index of a finished job (pid set to 0, outcome filled),
 * or -1 if none finished yet.
 */
long ic_jobs_wait(ic_job *jobs, size_t n, double max_wait_s);

/** Runs the case in this process (--no-fork: for gdb; no isolation). Fills j->out. */
void ic_job_run_inline(ic_job *j, const ic_loaded_port *lp, const ic_case *c);

/**
 * Decides the outcomes that are about the sandbox rather than the port's answer: a denied
 * system call, a child that could not load the port or set itself up, a closed result
 * channel. Returns 1 (r filled) when decided, 0 to let ic_score_case decide.
 */
int ic_score_isolation(const ic_outcome *o, ic_case_result *r);

/**
 * Makes port text safe for a terminal and for the reports, in place within cap bytes: bytes
 * that are not valid UTF-8, and control characters other than newline and tab, become \xNN
 * (truncated at a character boundary when the escapes do not fit).
 */
void ic_text_sanitize(char *s, size_t cap);

/** In a forked child of the harness: no LeakSanitizer check at its exit (ASan builds). */
void ic_child_no_leak_check(void);

/** Monotonic seconds. */
double ic_now(void);

/** "SIGSEGV", "SIGABRT", ... or "signal N". */
const char *ic_signal_name(int sig, char *buf, size_t len);

#endif /* IC_SANDBOX_H */
