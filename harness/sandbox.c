/* sandbox.c - fork-per-case isolation: guard pages, sentinels, fault classification, timeout. */
#define _GNU_SOURCE
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "score.h"
#include "seccomp_filter.h"
#include "supervisor.h"

/* Data-segment limit of a case child (bytes): twice the largest tensor plus room. */
#define IC_CHILD_DATA_LIMIT ((unsigned long long)4 << 30)

/* Record types the child writes to its pipe, each in one write() (< PIPE_BUF: atomic). */
enum {
    REC_SHAPE = 1,
    REC_DONE = 2,
    REC_FAULT = 3,
    REC_SKIPPED = 4,
    REC_DENIED = 5,
    REC_CHILD_FAILED = 6,
    REC_EXIT = 7
};

typedef struct ic_rec {
    int32_t type;
    int32_t status;
    int32_t ndim;
    int32_t signo;
    int64_t shape[IC_MAX_DIMS];
    uint64_t addr;
    int32_t u8_rechecked; /* REC_DONE of a uint8 case: the two-sentinel recheck ran */
    int64_t u8_unwritten; /* elements left unwritten under both sentinels */
    int64_t u8_first;     /* flat index of the first of them */
    char msg[256];
} ic_rec;

static size_t page_size(void)
{
    static size_t ps;

    if (ps == 0) {
        long v = sysconf(_SC_PAGESIZE);
        ps = v > 0 ? (size_t)v : 4096;
    }
    return ps;
}

static size_t round_up(size_t n, size_t p)
{
    return (n + p - 1) / p * p;
}

/** Monotonic clock in seconds. */
double ic_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/** Signal number to its conventional name. */
const char *ic_signal_name(int sig, char *buf, size_t len)
{
    static const struct {
        int sig;
        const char *name;
    } names[] = {
        {SIGSEGV, "SIGSEGV"}, {SIGBUS, "SIGBUS"},   {SIGABRT, "SIGABRT"}, {SIGFPE, "SIGFPE"},
        {SIGILL, "SIGILL"},   {SIGKILL, "SIGKILL"}, {SIGTERM, "SIGTERM"}, {SIGTRAP, "SIGTRAP"},
        {SIGSYS, "SIGSYS"},   {SIGPIPE, "SIGPIPE"}, {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"},
        {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"}, {SIGHUP, "SIGHUP"},   {SIGALRM, "SIGALRM"},
        {SIGUSR1, "SIGUSR1"}, {SIGUSR2, "SIGUSR2"},
    };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].sig == sig) {
            return names[i].name;
        }
    }
    snprintf(buf, len, "signal %d", sig);
    return buf;
}

/* A shared anonymous mapping inside the arena (seccomp_filter.h), where the case child's
   filter forbids a port to touch mappings. Falls back to anywhere (the filter then cannot
   protect the guard pages) when the arena's addresses are not available. */
static unsigned char *arena_map(size_t len, int fd, off_t off)
{
    static uintptr_t cursor = IC_ARENA_BASE;
    int tries;
    void *m;

#ifdef MAP_FIXED_NOREPLACE
    for (tries = 0; tries < 16; tries++) {
        void *want;
        if (cursor + len + (1u << 20) > IC_ARENA_END) {
            cursor = IC_ARENA_BASE;
        }
        want = (void *)cursor;
        cursor += round_up(len, 1u << 20) + (1u << 20); /* 1 MiB apart */
        m = mmap(want, len, PROT_READ | PROT_WRITE,
                 MAP_SHARED | MAP_FIXED_NOREPLACE | (fd < 0 ? MAP_ANONYMOUS : 0), fd, off);
        if (m == want) {
            return m;
        }
        if (m != MAP_FAILED) {
            munmap(m, len); /* a kernel before 4.17 took it as a hint */
            break;
        }
        if (errno != EEXIST) {
            break;
        }
    }
#else
    (void)tries;
#endif
    m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | (fd < 0 ? MAP_ANONYMOUS : 0), fd,
             off);
    return m == MAP_FAILED ? NULL : m;
}

/* Maps [guard][round_up(len) bytes][guard] and returns the start so the data ends at the
   trailing guard. The slack before it is filled with IC_SLACK_BYTE. */
static unsigned char *map_guarded(size_t len, int fd, off_t off, unsigned char **map,
                                  size_t *map_len)
{
    size_t ps = page_size();
    size_t body = round_up(len, ps);
    unsigned char *m;

    *map_len = body + 2 * ps;
    m = arena_map(*map_len, fd, off);
    if (m == NULL) {
        *map = NULL;
        return NULL;
    }
    if (mprotect(m, ps, PROT_NONE) != 0 || mprotect(m + ps + body, ps, PROT_NONE) != 0) {
        munmap(m, *map_len);
        *map = NULL;
        return NULL;
    }
    memset(m + ps, IC_SLACK_BYTE, body - len);
    *map = m;
    return m + ps + body - len;
}

/* Pre-fills the output with the dtype's sentinel (a signalling NaN for floats: arithmetic
   never produces one and copied input NaNs are quiet, so a survivor was never written). */
static void fill_sentinel(unsigned char *p, size_t len, int32_t dtype)
{
    size_t i;

    if (dtype == IC_DTYPE_FLOAT32) {
        uint32_t v = IC_SENTINEL_F32;
        for (i = 0; i + 4 <= len; i += 4) {
            memcpy(p + i, &v, 4);
        }
    } else if (dtype == IC_DTYPE_FLOAT64) {
        uint64_t v = IC_SENTINEL_F64;
        for (i = 0; i + 8 <= len; i += 8) {
            memcpy(p + i, &v, 8);
        }
    } else if (dtype == IC_DTYPE_FLOAT16 || dtype == IC_DTYPE_BFLOAT16) {
        uint16_t v = dtype == IC_DTYPE_FLOAT16 ? IC_SENTINEL_F16 : IC_SENTINEL_BF16;
        for (i = 0; i + 2 <= len; i += 2) {
            memcpy(p + i, &v, 2);
        }
    } else {
        memset(p, IC_SENTINEL_U8, len);
    }
}

/** Maps the input and (value cases) the output. */
int ic_bufs_prepare(const ic_case *c, ic_bufs *b, char *msg, size_t msg_len)
{
    size_t ps = page_size();

    size_t in_total, out_total = 0;

    memset(b, 0, sizeof *b);
    b->in_len = (size_t)c->input.nbytes;
    if (c->has_expected) {
        b->out_len = (size_t)c->expected.numel * ic_dtype_size(c->expected.dtype);
        out_total = round_up(b->out_len, ps) + 2 * ps;
    }
    in_total = round_up(b->in_len, ps) + 2 * ps;
    /* One memfd holds both (input, then output), so that a case child forked by the loader
       process (which never had these mappings) can map the same pages at the same
       addresses. */
    b->memfd = memfd_create("interpcheck-case", MFD_CLOEXEC);
    if (b->memfd < 0 || ftruncate(b->memfd, (off_t)(in_total + out_total)) != 0) {
        snprintf(msg, msg_len, "memfd of %zu bytes: %s", in_total + out_total, strerror(errno));
        if (b->memfd >= 0) {
            close(b->memfd);
        }
        b->memfd = -1;
        return -1;
    }
    b->in = map_guarded(b->in_len, b->memfd, 0, &b->in_map, &b->in_map_len);
    if (b->in == NULL) {
        snprintf(msg, msg_len, "mmap of %zu input bytes failed", b->in_len);
        return -1;
    }
    if (b->in_len > 0) {
        memcpy(b->in, c->input.data, b->in_len);
    }
    /* Read-only input: a store into it faults ("input-mutated"). */
    if (mprotect(b->in_map + ps, b->in_map_len - 2 * ps, PROT_READ) != 0) {
        snprintf(msg, msg_len, "mprotect of the input failed");
        ic_bufs_release(b);
        return -1;
    }
    if (c->has_expected) {
        b->out = map_guarded(b->out_len, b->memfd, (off_t)in_total, &b->out_map, &b->out_map_len);
        if (b->out == NULL) {
            snprintf(msg, msg_len, "mmap of %zu output bytes failed", b->out_len);
            ic_bufs_release(b);
            return -1;
        }
        fill_sentinel(b->out, b->out_len, c->expected.dtype);
    }
    return 0;
}

/** Unmaps. */
void ic_bufs_release(ic_bufs *b)
{
    if (b->in_map != NULL) {
        munmap(b->in_map, b->in_map_len);
    }
    if (b->out_map != NULL) {
        munmap(b->out_map, b->out_map_len);
    }
    if (b->memfd > 0) {
        close(b->memfd);
    }
    memset(b, 0, sizeof *b);
}

static int in_range(uintptr_t a, const unsigned char *lo, size_t len)
{
    return lo != NULL && a >= (uintptr_t)lo && a < (uintptr_t)lo + len;
}

/** Maps a fault address to a verdict kind by which page it hit. */
const char *ic_fault_kind(const ic_bufs *b, uintptr_t addr)
{
    size_t ps = page_size();

    if (b->out_map != NULL) {
        if (in_range(addr, b->out_map, ps)) {
            return "oob-write (before start)";
        }
        if (in_range(addr, b->out_map + b->out_map_len - ps, ps)) {
            return "oob-write";
        }
    }
    if (b->in_map != NULL) {
        if (in_range(addr, b->in_map, ps)) {
            return "oob-read (before start)";
        }
        if (in_range(addr, b->in_map + b->in_map_len - ps, ps)) {
            return "oob-read";
        }
        if (in_range(addr, b->in_map + ps, b->in_map_len - 2 * ps)) {
            return "input-mutated";
        }
    }
    return NULL;
}

/** Checks the bytes between the leading guard and the output start. */
const char *ic_bufs_slack_changed(const ic_bufs *b)
{
    size_t ps = page_size();
    const unsigned char *p;

    if (b->out_map == NULL) {
        return NULL;
    }
    for (p = b->out_map + ps; p < b->out; p++) {
        if (*p != IC_SLACK_BYTE) {
            return "oob-write (before start)";
        }
    }
    return NULL;
}

/** Compares the input mapping with the blob (a port may mprotect its way around the guard). */
int ic_bufs_input_changed(const ic_bufs *b, const ic_case *c)
{
    return b->in_len > 0 && memcmp(b->in, c->input.data, b->in_len) != 0;
}

/* ---- the child --------------------------------------------------------------------------- */

static int child_fd = -1;

static void write_rec(int fd, const ic_rec *r)
{
    const char *p = (const char *)r;
    size_t left = sizeof *r;

    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return;
        }
        p += w;
        left -= (size_t)w;
    }
}

/* SIGSEGV/SIGBUS on the alternate stack: report the address, then die by the same signal
   (SA_RESETHAND restored the default action). Only async-signal-safe calls. */
static void on_fault(int sig, siginfo_t *si, void *uc)
{
    ic_rec r;

    (void)uc;
    memset(&r, 0, sizeof r);
    r.type = REC_FAULT;
    r.signo = sig;
    r.addr = (uint64_t)(uintptr_t)si->si_addr;
    write_rec(child_fd, &r);
    raise(sig);
}

static void make_tensors(const ic_case *c, const ic_bufs *b, ic_tensor *in)
{
    memset(in, 0, sizeof *in);
    in->dtype = c->input.dtype;
    in->ndim = c->input.ndim;
    memcpy(in->shape, c->input.shape, sizeof in->shape);
    memcpy(in->strides, c->input.strides, sizeof in->strides);
    in->data = b->in;
}

/* Byte size of a shape the port claimed for an error case, or -1 when absurd. */
static int64_t claimed_bytes(int32_t ndim, const int64_t *shape, int32_t dtype)
{
    int64_t n = (int64_t)(ic_dtype_size(dtype) ? ic_dtype_size(dtype) : 8);
    int k;

    if (ndim < 0 || ndim > IC_MAX_DIMS) {
        return -1;
    }
    for (k = 0; k < ndim; k++) {
        if (shape[k] < 0 || (shape[k] > 0 && n > ((int64_t)1 << 28) / shape[k])) {
            return -1;
        }
        n *= shape[k];
    }
    return n;
}

/*
 * uint8 has no bit pattern arithmetic cannot produce, so a surviving 0xA5 is ambiguous: never
 * written, or a written 165. When the first call leaves any 0xA5, the call is repeated with
 * the output pre-filled with a second sentinel; an element is unwritten only if it kept both.
 * The output keeps the first call's bytes. Leaves r->u8_rechecked 0 when it could not decide
 * (no memory, or the second call refused), and the parent falls back to the sentinel scan.
 */
static void recheck_u8(const ic_loaded_port *lp, const ic_tensor *in, const ic_case *c,
                       const ic_tensor *out, ic_rec *r)
{
    unsigned char *o = out->data, *first;
    size_t n = (size_t)c->expected.nbytes, i;
    char msg[sizeof r->msg];

    if (memchr(o, IC_SENTINEL_U8, n) == NULL) {
        r->u8_rechecked = 1;
        return;
    }
    first = malloc(n);
    if (first == NULL) {
        return;
    }
    memcpy(first, o, n);
    memset(o, IC_SENTINEL_U8_B, n);
    if (lp->port->interpolate(in, &c->args, out, msg, sizeof msg) == IC_OK) {
        r->u8_rechecked = 1;
        for (i = 0; i < n; i++) {
            if (first[i] == IC_SENTINEL_U8 && o[i] == IC_SENTINEL_U8_B && r->u8_unwritten++ == 0) {
                r->u8_first = (int64_t)i;
            }
        }
    }
    memcpy(o, first, n);
    free(first);
}

/* The body shared by the forked child and --no-fork: supports?, output_shape, interpolate. */
static void child_body(int fd, const ic_loaded_port *lp, const ic_case *c, const ic_bufs *b)
{
    ic_tensor in, out;
    ic_rec r;
    int k;

    make_tensors(c, b, &in);
    if (lp->supports != NULL && lp->supports(&in, &c->args) == 0) {
        memset(&r, 0, sizeof r);
        r.type = REC_SKIPPED;
        write_rec(fd, &r);
        return;
    }
    memset(&r, 0, sizeof r);
    r.type = REC_SHAPE;
    r.status = lp->port->output_shape(&in, &c->args, &r.ndim, r.shape, r.msg, sizeof r.msg);
    r.msg[sizeof r.msg - 1] = '\0';
    write_rec(fd, &r);
    if (r.status != IC_OK) {
        return;
    }
    memset(&out, 0, sizeof out);
    if (c->has_expected) {
        if (r.ndim != c->expected.ndim) {
            return;
        }
        for (k = 0; k < r.ndim; k++) {
            if (r.shape[k] != c->expected.shape[k]) {
                return;
            }
        }
        out.dtype = c->expected.dtype;
        out.ndim = c->expected.ndim;
        memcpy(out.shape, c->expected.shape, sizeof out.shape);
        memcpy(out.strides, c->expected.strides, sizeof out.strides);
        out.data = b->out;
    } else {
        /* An error case the port accepted: give interpolate a private buffer of the claimed
           shape so a port that refuses in interpolate (torch's kernel dtype checks) scores. */
        int64_t nb = claimed_bytes(r.ndim, r.shape, c->input.dtype);
        int64_t s = 1;
        if (nb < 0) {
            /* An absurd claimed shape: the call was accepted all the same. */
            memset(&r, 0, sizeof r);
            r.type = REC_DONE;
            r.status = IC_OK;
            snprintf(r.msg, sizeof r.msg, "interpolate not called: claimed shape too large");
            write_rec(fd, &r);
            return;
        }
        out.dtype = c->input.dtype;
        out.ndim = r.ndim;
        for (k = r.ndim - 1; k >= 0; k--) {
            out.shape[k] = r.shape[k];
            out.strides[k] = s;
            s *= r.shape[k] > 0 ? r.shape[k] : 1;
        }
        out.data = calloc((size_t)nb + 1, 1);
        if (out.data == NULL) {
            return;
        }
    }
    memset(&r, 0, sizeof r);
    r.type = REC_DONE;
    r.status = lp->port->interpolate(&in, &c->args, &out, r.msg, sizeof r.msg);
    r.msg[sizeof r.msg - 1] = '\0';
    if (c->has_expected && out.dtype == IC_DTYPE_UINT8 && r.status == IC_OK) {
        recheck_u8(lp, &in, c, &out, &r);
    }
    write_rec(fd, &r);
    if (!c->has_expected) {
        free(out.data);
    }
}

#ifdef IC_GCOV_DUMP
extern void __gcov_dump(void); /* libgcov, present in the --coverage build */
#endif

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer's exit-time check stops the world with ptrace and a tracer process, which the
   filter rightly denies; a child's heap is the harness's heap copied anyway. */
static volatile int no_leak_check;
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
    return no_leak_check;
}
#endif

/** In a child (loader or case): no leak check at its exit (sanitizer builds only). */
void ic_child_no_leak_check(void)
{
#if defined(__SANITIZE_ADDRESS__)
    no_leak_check = 1;
#endif
}

/* SIGSYS from the seccomp filter: report the denied call, then die of it. */
static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
    ic_rec r;

    (void)uc;
    memset(&r, 0, sizeof r);
    r.type = REC_DENIED;
    r.signo = si->si_syscall;
    write_rec(child_fd, &r);
    raise(sig); /* SA_RESETHAND restored the default: this ends the process */
}

/* The harness's own part of the child failed: one record, then a clean exit. */
static void child_fail(const char *what, const char *detail)
{
    ic_rec r;

    memset(&r, 0, sizeof r);
    r.type = REC_CHILD_FAILED;
    snprintf(r.msg, sizeof r.msg, "%s: %.200s", what, detail);
    write_rec(child_fd, &r);
    _exit(0);
}

static void child_main(const ic_job *j, int sandbox, int fd, const ic_loaded_port *lp,
                       const ic_case *c, const ic_bufs *b, int devnull)
{
    static unsigned char altstack[1 << 16];
    static char why[256];
    stack_t ss;
    struct sigaction sa;
    struct rlimit rl;
    struct stat st0, st1;
    ic_loaded_port own;
    size_t k;

    /* Its own process group: whatever it leaves behind is killed with the group. */
    setpgid(0, 0);
    ic_child_no_leak_check();
    /* Only the result channel and /dev/null stay open: no other case's pipe or pidfd. */
    if (ic_child_fds(fd, devnull) != 0) {
        _exit(125);
    }
    child_fd = fd = IC_CHILD_FD;
    /* No other case's buffers either. */
    for (k = 0; j != NULL && j->siblings != NULL && k < j->nsiblings; k++) {
        const ic_job *o = &j->siblings[k];
        if (o != j && o->bufs.in_map != NULL) {
            munmap(o->bufs.in_map, o->bufs.in_map_len);
        }
        if (o != j && o->bufs.out_map != NULL) {
            munmap(o->bufs.out_map, o->bufs.out_map_len);
        }
    }
    rl.rlim_cur = rl.rlim_max = 0;
    setrlimit(RLIMIT_CORE, &rl); /* a crashing port must not litter core files */
#if !defined(__SANITIZE_ADDRESS__)
    /* A runaway port must fail its own allocations, not wake the OOM killer on the harness.
       (Not under ASan: its shadow mappings alone exceed any sane data limit.) */
    rl.rlim_cur = rl.rlim_max = (rlim_t)IC_CHILD_DATA_LIMIT;
    setrlimit(RLIMIT_DATA, &rl);
#endif
    ss.ss_sp = altstack;
    ss.ss_size = sizeof altstack;
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sa.sa_sigaction = on_sigsys;
    sigaction(SIGSYS, &sa, NULL);
    signal(SIGPIPE, SIG_DFL);
    if (fstat(fd, &st0) != 0) {
        _exit(IC_EXIT_CHANNEL_LOST);
    }
    if (sandbox) {
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        if (ic_seccomp_install_case(why, sizeof why) != 0) {
            child_fail("cannot start the sandbox", why);
        }
    }
    if (lp->handle == NULL) {
        /* The supervisor only probed the port: load it here, under the filter, so its
           constructors run sandboxed too. */
        if (ic_port_load(lp->path, &own, why, sizeof why) != 0) {
            child_fail("the case child could not load the port", why);
        }
        lp = &own;
    }
    child_body(fd, lp, c, b);
    if (lp->flush != NULL) {
        lp->flush(); /* e.g. gcov counters of a port built by make port-coverage */
    }
#ifdef IC_GCOV_DUMP
    __gcov_dump(); /* make coverage: the harness's own child-side lines count too */
#endif
    /* A port that closed or replaced the result channel is told apart from a clean exit. */
    if (fstat(fd, &st1) != 0 || st1.st_ino != st0.st_ino || st1.st_dev != st0.st_dev) {
        _exit(IC_EXIT_CHANNEL_LOST);
    }
    _exit(0);
}

/** Maps, protects, then runs the case as a forked child would. */
void ic_case_child_from_call(const ic_case_call *call, const ic_loaded_port *lp, int result_fd,
                             int memfd)
{
    static ic_case c;
    static ic_bufs b;
    static ic_case_call k;
    size_t ps = page_size();
    int ok = 1;

    k = *call;
    k.mode[sizeof k.mode - 1] = '\0';
    memset(&c, 0, sizeof c);
    c.input = k.input;
    c.expected = k.expected;
    c.has_expected = k.has_expected;
    c.args = k.args;
    c.args.mode = k.mode;
    c.mode = k.mode;
    memset(&b, 0, sizeof b);
    b.in_map = (unsigned char *)(uintptr_t)k.in_map;
    b.in_map_len = (size_t)k.in_map_len;
    b.in = (unsigned char *)(uintptr_t)k.in;
    b.in_len = (size_t)k.in_len;
    b.out_map = (unsigned char *)(uintptr_t)k.out_map;
    b.out_map_len = (size_t)k.out_map_len;
    b.out = (unsigned char *)(uintptr_t)k.out;
    b.out_len = (size_t)k.out_len;
    /* The same pages at the same addresses as in the supervisor (fault addresses are then
       classified there against its own view). */
    if (b.in_map != NULL && mmap(b.in_map, b.in_map_len, PROT_READ | PROT_WRITE,
                                 MAP_SHARED | MAP_FIXED_NOREPLACE, memfd, 0) != b.in_map) {
        ok = 0;
    }
    if (ok && b.out_map != NULL &&
        mmap(b.out_map, b.out_map_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED_NOREPLACE,
             memfd, (off_t)b.in_map_len) != b.out_map) {
        ok = 0;
    }
    if (ok && b.in_map != NULL &&
        (mprotect(b.in_map, ps, PROT_NONE) != 0 ||
         mprotect(b.in_map + b.in_map_len - ps, ps, PROT_NONE) != 0 ||
         mprotect(b.in_map + ps, b.in_map_len - 2 * ps, PROT_READ) != 0)) {
        ok = 0;
    }
    if (ok && b.out_map != NULL &&
        (mprotect(b.out_map, ps, PROT_NONE) != 0 ||
         mprotect(b.out_map + b.out_map_len - ps, ps, PROT_NONE) != 0)) {
        ok = 0;
    }
    close(memfd);
    if (!ok) {
        child_fd = result_fd;
        child_fail("cannot map the case's buffers at the harness's addresses", strerror(errno));
    }
    child_main(NULL, k.sandbox, result_fd, lp, &c, &b, -1);
}

/** REC_EXIT with the child's wait status. */
void ic_write_exit_record(int fd, int wstatus)
{
    ic_rec r;

    memset(&r, 0, sizeof r);
    r.type = REC_EXIT;
    r.status = wstatus;
    write_rec(fd, &r);
}

/* Sends the case to the loader with the write end of its result pipe and its memfd; the
   loader answers with the pid of the case's leader (the process group to kill). */
static int start_via_loader(ic_job *j, const ic_loaded_port *lp, const ic_case *c,
                            double timeout_s, char *msg, size_t msg_len)
{
    static ic_case_call k;
    struct msghdr mh;
    struct iovec iov;
    union {
        char buf[CMSG_SPACE(2 * sizeof(int))];
        struct cmsghdr align;
    } ctl;
    struct cmsghdr *cm;
    int fds[2], pass[2];
    int32_t reply = 0;
    ssize_t n;

    memset(&k, 0, sizeof k);
    k.input = c->input;
    k.input.data = NULL;
    k.has_expected = c->has_expected;
    if (c->has_expected) {
        k.expected = c->expected;
        k.expected.data = NULL;
    }
    k.sandbox = j->sandbox;
    k.args = c->args;
    k.args.mode = NULL;
    snprintf(k.mode, sizeof k.mode, "%s", c->args.mode != NULL ? c->args.mode : "");
    k.in_map = (uint64_t)(uintptr_t)j->bufs.in_map;
    k.in_map_len = j->bufs.in_map_len;
    k.in = (uint64_t)(uintptr_t)j->bufs.in;
    k.in_len = j->bufs.in_len;
    k.out_map = (uint64_t)(uintptr_t)j->bufs.out_map;
    k.out_map_len = j->bufs.out_map_len;
    k.out = (uint64_t)(uintptr_t)j->bufs.out;
    k.out_len = j->bufs.out_len;
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(msg, msg_len, "pipe: %s", strerror(errno));
        return -1;
    }
    memset(&mh, 0, sizeof mh);
    iov.iov_base = &k;
    iov.iov_len = sizeof k;
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = ctl.buf;
    mh.msg_controllen = sizeof ctl.buf;
    cm = CMSG_FIRSTHDR(&mh);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(2 * sizeof(int));
    pass[0] = fds[1];
    pass[1] = j->bufs.memfd;
    memcpy(CMSG_DATA(cm), pass, sizeof pass);
    j->t0 = ic_now();
    j->deadline = j->t0 + timeout_s;
    n = sendmsg(lp->loader_sock, &mh, MSG_NOSIGNAL);
    close(fds[1]);
    if (n == (ssize_t)sizeof k) {
        do {
            n = recv(lp->loader_sock, &reply, sizeof reply, 0);
        } while (n < 0 && errno == EINTR);
    }
    if (n != (ssize_t)sizeof reply || reply <= 0) {
        close(fds[0]);
        snprintf(msg, msg_len, "the loader process %s",
                 n == (ssize_t)sizeof reply ? "could not fork the case"
                                            : "is gone (the port's code killed it?)");
        return -1;
    }
    j->pid = (pid_t)reply;
    j->fd = fds[0];
    j->pidfd = -1;
    j->via_loader = 1;
    fcntl(j->fd, F_SETFL, fcntl(j->fd, F_GETFL) | O_NONBLOCK);
    return 0;
}

/** Forks the child. */
int ic_job_start(ic_job *j, const ic_loaded_port *lp, const ic_case *c, double timeout_s,
                 char *msg, size_t msg_len)
{
    static int devnull = -2;
    int fds[2];

    if (devnull == -2) {
        /* opened once in the parent; each child dup2()s it over stdin, stdout and stderr */
        devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    }
    j->c = c;
    j->eof = 0;
    j->rlen = 0;
    j->via_loader = 0;
    memset(&j->out, 0, sizeof j->out);
    if (lp->loader_pid > 0) {
        return start_via_loader(j, lp, c, timeout_s, msg, msg_len);
    }
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(msg, msg_len, "pipe: %s", strerror(errno));
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    j->t0 = ic_now();
    j->deadline = j->t0 + timeout_s;
    j->pid = fork();
    if (j->pid < 0) {
        snprintf(msg, msg_len, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        j->pid = 0;
        return -1;
    }
    if (j->pid == 0) {
        close(fds[0]);
        child_main(j, j->sandbox, fds[1], lp, c, &j->bufs, devnull);
    }
    setpgid(j->pid, j->pid); /* also here: no window in which the group does not exist */
    close(fds[1]);
    j->fd = fds[0];
    fcntl(j->fd, F_SETFL, fcntl(j->fd, F_GETFL) | O_NONBLOCK);
    /* A pidfd (Linux >= 5.3) polls readable exactly when the child has exited: one wake-up per
       case. Without it we fall back to the pipe's EOF plus a short reaping spin. */
#ifdef SYS_pidfd_open
    j->pidfd = (int)syscall(SYS_pidfd_open, j->pid, 0);
    if (j->pidfd >= 0) {
        fcntl(j->pidfd, F_SETFD, FD_CLOEXEC);
    }
#else
    j->pidfd = -1;
#endif
    return 0;
}

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 when invalid (overlong forms,
   surrogates and code points above U+10FFFF included). */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    size_t len, k;
    uint32_t cp;

    if (p[0] < 0x80) {
        return 1;
    } else if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        len = 2, cp = p[0] & 0x1fu;
    } else if (p[0] >= 0xe0 && p[0] <= 0xef) {
        len = 3, cp = p[0] & 0x0fu;
    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        len = 4, cp = p[0] & 0x07u;
    } else {
        return 0;
    }
    if (len > n) {
        return 0;
    }
    for (k = 1; k < len; k++) {
        if ((p[k] & 0xc0u) != 0x80u) {
            return 0;
        }
        cp = cp << 6 | (p[k] & 0x3fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff)) {
        return 0;
    }
    return len;
}

/** Escapes in place; see sandbox.h. */
void ic_text_sanitize(char *s, size_t cap)
{
    char tmp[1024];
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strnlen(s, cap), i = 0, o = 0, l;

    if (cap > sizeof tmp) {
        cap = sizeof tmp;
        n = n < cap ? n : cap - 1;
    }
    while (i < n && o + 1 < cap) {
        l = utf8_len(p + i, n - i);
        if (l == 1 && (p[i] >= 0x20 || p[i] == '\n' || p[i] == '\t') && p[i] != 0x7f) {
            tmp[o++] = (char)p[i++];
        } else if (l > 1) {
            if (o + l >= cap) {
                break;
            }
            memcpy(tmp + o, p + i, l);
            o += l;
            i += l;
        } else {
            if (o + 4 >= cap) {
                break;
            }
            snprintf(tmp + o, 5, "\\x%02x", p[i]);
            o += 4;
            i++;
        }
    }
    tmp[o] = '\0';
    memcpy(s, tmp, o + 1);
}

/* Folds the complete records in rbuf into the outcome. */
static void absorb(ic_job *j)
{
    size_t off = 0;
    ic_rec r;

    while (j->rlen - off >= sizeof r) {
        memcpy(&r, j->rbuf + off, sizeof r);
        off += sizeof r;
        r.msg[sizeof r.msg - 1] = '\0';
        ic_text_sanitize(r.msg, sizeof r.msg); /* port bytes: never raw on a terminal */
        if (r.type == REC_SHAPE) {
            j->out.have_shape = 1;
            j->out.shape_status = r.status;
            j->out.ndim = r.ndim;
            memcpy(j->out.shape, r.shape, sizeof r.shape);
            memcpy(j->out.msg, r.msg, sizeof r.msg);
        } else if (r.type == REC_DONE) {
            j->out.have_done = 1;
            j->out.status = r.status;
            j->out.u8_rechecked = r.u8_rechecked;
            j->out.u8_unwritten = r.u8_unwritten;
            j->out.u8_first = r.u8_first;
            memcpy(j->out.msg, r.msg, sizeof r.msg);
        } else if (r.type == REC_FAULT) {
            j->out.have_fault = 1;
            j->out.fault_signo = r.signo;
            j->out.fault_addr = (uintptr_t)r.addr;
        } else if (r.type == REC_SKIPPED) {
            j->out.skipped = 1;
        } else if (r.type == REC_DENIED) {
            j->out.have_denied = 1;
            j->out.denied_nr = r.signo;
        } else if (r.type == REC_EXIT) {
            /* the loader's, written after the child ended: the last one counts */
            j->out.have_exit = 1;
            j->out.exit_wstatus = r.status;
        } else if (r.type == REC_CHILD_FAILED) {
            j->out.child_failed = 1;
            memcpy(j->out.child_msg, r.msg, sizeof j->out.child_msg);
        }
    }
    memmove(j->rbuf, j->rbuf + off, j->rlen - off);
    j->rlen -= off;
}

static void drain(ic_job *j)
{
    for (;;) {
        ssize_t r;
        if (j->rlen == sizeof j->rbuf) {
            j->rlen = 0; /* garbage from a port writing into our pipe: drop it */
        }
        r = read(j->fd, j->rbuf + j->rlen, sizeof j->rbuf - j->rlen);
        if (r > 0) {
            j->rlen += (size_t)r;
            absorb(j);
            continue;
        }
        if (r == 0) {
            j->eof = 1;
        } else if (errno == EINTR) {
            continue;
        }
        return;
    }
}

static void finish(ic_job *j, int wstatus)
{
    drain(j);
    close(j->fd);
    j->fd = -1;
    if (j->pidfd >= 0) {
        close(j->pidfd);
    }
    j->pidfd = -1;
    j->pid = 0;
    j->out.seconds = ic_now() - j->t0;
    if (WIFSIGNALED(wstatus)) {
        j->out.term_signal = WTERMSIG(wstatus);
    } else if (WIFEXITED(wstatus)) {
        j->out.exit_code = WEXITSTATUS(wstatus);
    }
}

/* A loader job that is over: its pipe reached EOF, the loader reported the child's end, or
   the deadline passed. Kills the group and waits (briefly) for the EOF. */
static void loader_finish(ic_job *j, int timed_out)
{
    int wst;

    /* The child has ended (or is past its deadline): whatever it left in its process group
       goes now, which also closes the last copies of the pipe. */
    kill(-j->pid, SIGKILL);
    if (!j->eof) {
        double until = ic_now() + 2.0;
        fcntl(j->fd, F_SETFL, fcntl(j->fd, F_GETFL) & ~O_NONBLOCK);
        while (!j->eof && ic_now() < until) {
            struct pollfd p = {j->fd, POLLIN, 0};
            if (poll(&p, 1, 100) > 0) {
                drain(j);
            }
        }
    }
    if (j->out.have_exit) {
        wst = j->out.exit_wstatus;
    } else {
        wst = SIGKILL; /* a wait status "killed by SIGKILL": the loader never reported */
    }
    finish(j, wst);
    if (timed_out) {
        j->out.timed_out = 1;
        j->out.term_signal = 0;
    }
}

/* Reaps a job whose child exited (or is about to): returns 1 when reaped. */
static int try_reap(ic_job *j, int block)
{
    int wst;
    siginfo_t si;
    pid_t w;

    /* Once the child has exited (a zombie still holds its process group), kill whatever it
       left in the group, then reap it. */
    memset(&si, 0, sizeof si);
    if (waitid(P_PID, (id_t)j->pid, &si, WEXITED | WNOWAIT | (block ? 0 : WNOHANG)) != 0 ||
        si.si_pid != j->pid) {
        return 0;
    }
    kill(-j->pid, SIGKILL);
    w = waitpid(j->pid, &wst, 0);

    if (w != j->pid) {
        return 0;
    }
    finish(j, wst);
    return 1;
}

/** Polls the running children until one ends or times out. */
long ic_jobs_wait(ic_job *jobs, size_t n, double max_wait_s)
{
    struct pollfd pfd[64];
    size_t map[64];
    size_t i, np = 0;
    double now = ic_now(), wait_s = max_wait_s;
    int ms;

    for (i = 0; i < n; i++) {
        ic_job *j = &jobs[i];
        if (j->pid <= 0) {
            continue;
        }
        if (j->via_loader) {
            if (j->eof || j->out.have_exit) {
                loader_finish(j, 0);
                return (long)i;
            }
            if (now >= j->deadline) {
                /* the child (not reaped yet: no exit record), its group, what it started */
                kill(j->pid, SIGKILL);
                kill(-j->pid, SIGKILL);
                loader_finish(j, 1);
                return (long)i;
            }
        } else if (now >= j->deadline) {
            if (try_reap(j, 0)) {
                return (long)i;
            }
            kill(-j->pid, SIGKILL);
            kill(j->pid, SIGKILL);
            try_reap(j, 1);
            j->out.timed_out = 1;
            j->out.term_signal = 0;
            return (long)i;
        }
        if (!j->via_loader && j->pidfd < 0 && j->eof) {
            /* Fallback: the pipe closed, the child is exiting; reap it without sleeping long. */
            if (try_reap(j, 0)) {
                return (long)i;
            }
            wait_s = wait_s > 0.0002 ? 0.0002 : wait_s;
            continue;
        }
        if (j->deadline - now < wait_s) {
            wait_s = j->deadline - now;
        }
        if (np < 64) {
            pfd[np].fd = j->pidfd >= 0 ? j->pidfd : j->fd;
            pfd[np].events = POLLIN;
            pfd[np].revents = 0;
            map[np++] = i;
        }
    }
    ms = (int)(wait_s * 1000.0 + 0.999);
    if (np == 0 && wait_s < 0.001) {
        struct timespec ts = {0, (long)(wait_s * 1e9)};
        nanosleep(&ts, NULL);
        return -1;
    }
    if (poll(pfd, (nfds_t)np, ms < 0 ? 0 : ms) > 0) {
        for (i = 0; i < np; i++) {
            ic_job *j = &jobs[map[i]];
            if (pfd[i].revents == 0) {
                continue;
            }
            if (j->via_loader) {
                drain(j);
                if (j->eof || j->out.have_exit) {
                    loader_finish(j, 0);
                    return (long)map[i];
                }
            } else if (j->pidfd >= 0) {
                if (try_reap(j, 1)) { /* a readable pidfd means it has exited */
                    return (long)map[i];
                }
            } else {
                drain(j);
                if (j->eof && try_reap(j, 0)) {
                    return (long)map[i];
                }
            }
        }
    }
    return -1;
}

/** --no-fork: the same calls in this process, records through a pipe to ourselves. */
void ic_job_run_inline(ic_job *j, const ic_loaded_port *lp, const ic_case *c)
{
    int fds[2];

    j->c = c;
    j->rlen = 0;
    memset(&j->out, 0, sizeof j->out);
    j->t0 = ic_now();
    if (pipe(fds) != 0) {
        return;
    }
    child_body(fds[1], lp, c, &j->bufs);
    close(fds[1]);
    j->fd = fds[0];
    j->pidfd = -1;
    j->pid = 0;
    finish(j, 0);
}

/** The sandbox's own verdicts, before the port's answer is looked at. */
int ic_score_isolation(const ic_outcome *o, ic_case_result *r)
{
    char name[64];

    if (o->have_denied) {
        ic_result_set(r, IC_VERDICT_ERROR, "denied",
                      "the sandbox denied system call %s (a port may compute; it may not "
                      "signal others, fork, exec, open files for writing, use sockets or "
                      "change the harness's mappings)",
                      ic_syscall_name(o->denied_nr, name, sizeof name));
        return 1;
    }
    if (o->child_failed) {
        ic_result_set(r, IC_VERDICT_ERROR, "harness", "%s", o->child_msg);
        return 1;
    }
    if (!o->timed_out && o->term_signal == 0 && o->exit_code == IC_EXIT_CHANNEL_LOST) {
        ic_result_set(r, IC_VERDICT_ERROR, "channel",
                      "the port closed or replaced the harness's result channel (descriptor "
                      "%d): its answer cannot be trusted",
                      IC_CHILD_FD);
        return 1;
    }
    return 0;
}
