/* seccomp_filter.c - the allowlist of system calls a port may make inside a case child. */
#define _GNU_SOURCE
#include "seccomp_filter.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <termios.h>
#include <unistd.h>

#include <seccomp.h>

#ifndef MREMAP_FIXED
#define MREMAP_FIXED 2
#endif

/* Calls every port (and glibc, and the dynamic loader while it maps the port) needs for pure
   computation: memory, threads, futexes, clocks, reading, writing to descriptors already open
   (the harness leaves only /dev/null and the case's result pipe), and leaving. */
static const int plain_allowed[] = {
    SCMP_SYS(read), SCMP_SYS(readv), SCMP_SYS(pread64), SCMP_SYS(preadv), SCMP_SYS(write),
    SCMP_SYS(writev), SCMP_SYS(close), SCMP_SYS(fstat), SCMP_SYS(newfstatat), SCMP_SYS(statx),
    SCMP_SYS(stat), SCMP_SYS(lstat), SCMP_SYS(lseek), SCMP_SYS(access), SCMP_SYS(faccessat),
    SCMP_SYS(faccessat2), SCMP_SYS(readlink), SCMP_SYS(readlinkat), SCMP_SYS(getcwd),
    SCMP_SYS(getdents64), SCMP_SYS(fcntl), SCMP_SYS(dup), SCMP_SYS(dup3), SCMP_SYS(brk),
    SCMP_SYS(mincore), SCMP_SYS(membarrier), SCMP_SYS(futex), SCMP_SYS(futex_waitv),
    SCMP_SYS(set_robust_list), SCMP_SYS(get_robust_list), SCMP_SYS(set_tid_address),
    SCMP_SYS(rseq), SCMP_SYS(sched_yield), SCMP_SYS(sched_getaffinity), SCMP_SYS(getcpu),
    SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres), SCMP_SYS(clock_nanosleep),
    SCMP_SYS(nanosleep), SCMP_SYS(gettimeofday), SCMP_SYS(time), SCMP_SYS(getpid),
    SCMP_SYS(gettid), SCMP_SYS(getppid), SCMP_SYS(getuid), SCMP_SYS(geteuid), SCMP_SYS(getgid),
    SCMP_SYS(getegid), SCMP_SYS(getpgrp), SCMP_SYS(uname), SCMP_SYS(sysinfo), SCMP_SYS(getrandom),
    SCMP_SYS(getrusage), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn), SCMP_SYS(sigaltstack),
    SCMP_SYS(rt_sigpending), SCMP_SYS(rt_sigtimedwait), SCMP_SYS(restart_syscall), SCMP_SYS(exit),
    SCMP_SYS(exit_group), SCMP_SYS(arch_prctl),
    /* queries real libraries make while loading (darknet: statfs; thread pools: priorities) */
    SCMP_SYS(statfs), SCMP_SYS(fstatfs), SCMP_SYS(sched_getparam), SCMP_SYS(sched_getscheduler),
    SCMP_SYS(sched_get_priority_max), SCMP_SYS(sched_get_priority_min), SCMP_SYS(getpriority),
    SCMP_SYS(get_mempolicy), SCMP_SYS(set_mempolicy), /* NUMA placement of its own memory */
    SCMP_SYS(mlock), SCMP_SYS(munlock), SCMP_SYS(memfd_create),
    SCMP_SYS(ftruncate), /* anonymous memory with a descriptor */
};

/* A coverage build writes .gcda files from each child; a sanitizer build may read
   /proc/self/maps, set a thread name or query limits. Those builds are for testing the harness,
   not for scoring foreign code. */
#if defined(IC_GCOV_DUMP) || defined(__SANITIZE_ADDRESS__)
#define IC_SECCOMP_LENIENT 1
static const int lenient_allowed[] = {
    SCMP_SYS(openat), SCMP_SYS(open),     SCMP_SYS(mkdir),          SCMP_SYS(ftruncate),
    SCMP_SYS(flock),  SCMP_SYS(prctl),    SCMP_SYS(prlimit64),      SCMP_SYS(getrlimit),
    SCMP_SYS(unlink), SCMP_SYS(pwrite64), SCMP_SYS(sched_getparam), SCMP_SYS(sched_getscheduler),
    SCMP_SYS(ioctl),  SCMP_SYS(madvise),  SCMP_SYS(pipe2),          SCMP_SYS(wait4),
    SCMP_SYS(waitid), SCMP_SYS(ptrace), /* LeakSanitizer's exit-time check stops the world */
};
#endif

static int allow(scmp_filter_ctx ctx, int nr, unsigned n, const struct scmp_arg_cmp *cmp)
{
    return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, n, cmp);
}

/* The first failure of a sequence of rule additions (0 while all succeed). */
static int first_err(int rc, int r)
{
    return rc != 0 ? rc : (r < 0 ? r : 0);
}

/* A memory-map call whose address argument is A0 and length A1 (plus `extra`, ANDed): allowed
   above the arena, or below IC_ARENA_LOW_LIMIT with a length (at most IC_ARENA_REACH) that
   cannot reach it. */
static int allow_outside_arena(scmp_filter_ctx ctx, int nr, const struct scmp_arg_cmp *extra)
{
    struct scmp_arg_cmp above[2], below[3];
    unsigned na = 0, nb = 0;
    int rc = 0;

    above[na++] = SCMP_A0(SCMP_CMP_GE, IC_ARENA_END);
    below[nb++] = SCMP_A0(SCMP_CMP_LT, IC_ARENA_LOW_LIMIT);
    below[nb++] = SCMP_A1(SCMP_CMP_LE, IC_ARENA_REACH);
    if (extra != NULL) {
        above[na++] = *extra;
        below[nb++] = *extra;
    }
    rc = first_err(rc, allow(ctx, nr, na, above));
    rc = first_err(rc, allow(ctx, nr, nb, below));
    return rc;
}

/* Adds the rules of one filter: the case filter (`loader` 0), or the loader's (`loader` 1),
   which also lets it fork case children and talk to the supervisor but not signal it. */
static int add_rules(scmp_filter_ctx ctx, int loader, pid_t supervisor, pid_t self)
{
    struct scmp_arg_cmp c[2];
    size_t i;
    int rc = 0;

    for (i = 0; i < sizeof plain_allowed / sizeof plain_allowed[0]; i++) {
        if (plain_allowed[i] >= 0) {
            allow(ctx, plain_allowed[i], 0, NULL); /* a call this kernel lacks stays denied */
        }
    }
#ifdef IC_SECCOMP_LENIENT
    for (i = 0; i < sizeof lenient_allowed / sizeof lenient_allowed[0]; i++) {
        if (lenient_allowed[i] >= 0) {
            allow(ctx, lenient_allowed[i], 0, NULL);
        }
    }
#else
    /* Opening is for reading only (the dynamic loader maps the port and its libraries; a
       library may list a directory: O_DIRECTORY is fine, O_TMPFILE's own bit is not). */
    c[0] =
        SCMP_A2(SCMP_CMP_MASKED_EQ,
                O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | (O_TMPFILE & ~O_DIRECTORY), 0);
    rc = first_err(rc, allow(ctx, SCMP_SYS(openat), 1, c));
    c[0] =
        SCMP_A1(SCMP_CMP_MASKED_EQ,
                O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | (O_TMPFILE & ~O_DIRECTORY), 0);
    allow(ctx, SCMP_SYS(open), 1, c);
    /* isatty() of stdout when a port prints: the terminal query only. */
    c[0] = SCMP_A1(SCMP_CMP_EQ, TCGETS);
    rc = first_err(rc, allow(ctx, SCMP_SYS(ioctl), 1, c));
    if (loader) {
        rc = first_err(rc, allow(ctx, SCMP_SYS(prlimit64), 0, NULL)); /* the child's limits */
        rc = first_err(rc, allow(ctx, SCMP_SYS(madvise), 0, NULL));
    } else {
        /* getrlimit() through prlimit64 on itself, without a new limit. */
        c[0] = SCMP_A0(SCMP_CMP_EQ, 0);
        c[1] = SCMP_A2(SCMP_CMP_EQ, 0);
        rc = first_err(rc, allow(ctx, SCMP_SYS(prlimit64), 2, c));
        rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(madvise), NULL));
    }
#endif
    rc = first_err(rc, seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0));
    /* thread names (OpenMP and other thread pools name their workers) */
    c[0] = SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME);
    allow(ctx, SCMP_SYS(prctl), 1, c);
    c[0] = SCMP_A0(SCMP_CMP_EQ, PR_GET_NAME);
    allow(ctx, SCMP_SYS(prctl), 1, c);
    /* Any handler but one for SIGSYS, which reports the denied calls (the loader's children
       install their own reporter before adding the case filter). */
    c[0] = SCMP_A0(SCMP_CMP_NE, SIGSYS);
    rc = first_err(rc, allow(ctx, SCMP_SYS(rt_sigaction), loader ? 0 : 1, c));
    if (loader) {
        /* Forks case children (clone3 answers ENOSYS: glibc falls back to clone), reaps them,
           puts each in its own process group, receives the supervisor's commands. */
        rc = first_err(rc, allow(ctx, SCMP_SYS(clone), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(wait4), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(waitid), 0, NULL));
        c[0] = SCMP_A0(SCMP_CMP_EQ, 0);
        c[1] = SCMP_A1(SCMP_CMP_EQ, 0);
        rc = first_err(rc, allow(ctx, SCMP_SYS(setpgid), 2, c));
        rc = first_err(rc, allow(ctx, SCMP_SYS(recvmsg), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(sendmsg), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(sendto), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(recvfrom), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(dup2), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(poll), 0, NULL));
        allow(ctx, SCMP_SYS(ppoll), 0, NULL);
        rc = first_err(rc, allow(ctx, SCMP_SYS(signalfd4), 0, NULL));
        allow(ctx, SCMP_SYS(close_range), 0, NULL);
        c[0] = SCMP_A0(SCMP_CMP_EQ, PR_SET_NO_NEW_PRIVS);
        rc = first_err(rc, allow(ctx, SCMP_SYS(prctl), 1, c));
        allow(ctx, SCMP_SYS(seccomp), 0, NULL); /* a child adds the stricter case filter */
        /* kill() of its own process group only (a leader ending its case); tgkill() of
           anyone but the supervisor (raise() and abort() in every descendant). */
        c[0] = SCMP_A0(SCMP_CMP_EQ, 0);
        rc = first_err(rc, allow(ctx, SCMP_SYS(kill), 1, c));
        c[0] = SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)supervisor);
        rc = first_err(rc, allow(ctx, SCMP_SYS(tgkill), 1, c));
        rc = first_err(rc, allow(ctx, SCMP_SYS(mprotect), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(munmap), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(mremap), 0, NULL));
        rc = first_err(rc, allow(ctx, SCMP_SYS(mmap), 0, NULL));
        return rc;
    }
    /* Threads, never processes: clone() must carry CLONE_THREAD (a sanitizer build: CLONE_VM,
       for LeakSanitizer's tracer; a fork() still shares no memory and stays denied). */
#ifdef IC_SECCOMP_LENIENT
    c[0] = SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_VM, CLONE_VM);
#else
    c[0] = SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
#endif
    rc = first_err(rc, allow(ctx, SCMP_SYS(clone), 1, c));
    /* Signals to itself only (raise(), abort()); never to the harness or anyone else. */
    c[0] = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)self);
    rc = first_err(rc, allow(ctx, SCMP_SYS(kill), 1, c));
    rc = first_err(rc, allow(ctx, SCMP_SYS(tgkill), 1, c));
    /* Mappings anywhere but the harness's arena (input, output, guard pages). */
    rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(mprotect), NULL));
    rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(munmap), NULL));
    c[0] = SCMP_A3(SCMP_CMP_MASKED_EQ, MREMAP_FIXED, 0);
    rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(mremap), &c[0]));
    c[0] = SCMP_A3(SCMP_CMP_MASKED_EQ, MAP_FIXED, 0);
    rc = first_err(rc, allow(ctx, SCMP_SYS(mmap), 1, c));
    c[0] = SCMP_A3(SCMP_CMP_MASKED_EQ, MAP_FIXED, MAP_FIXED);
    rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(mmap), &c[0]));
    return rc;
}

static int install(int loader, pid_t supervisor, char *msg, size_t msg_len)
{
    scmp_filter_ctx ctx;
    int rc, e;

    ctx = seccomp_init(SCMP_ACT_TRAP);
    if (ctx == NULL) {
        snprintf(msg, msg_len, "seccomp_init failed");
        return -1;
    }
    rc = add_rules(ctx, loader, supervisor, getpid());
    if (rc != 0) {
        snprintf(msg, msg_len, "seccomp: a rule was refused (%s)", strerror(-rc));
        seccomp_release(ctx);
        return -1;
    }
    e = seccomp_load(ctx);
    seccomp_release(ctx);
    if (e != 0) {
        snprintf(msg, msg_len, "seccomp_load: %s", strerror(-e));
        return -1;
    }
    return 0;
}

/** The case filter. */
int ic_seccomp_install(char *msg, size_t msg_len)
{
    return install(0, 0, msg, msg_len);
}

/** The loader filter. */
int ic_seccomp_install_loader(pid_t supervisor, char *msg, size_t msg_len)
{
    return install(1, supervisor, msg, msg_len);
}

/* The case filter compiled once (in the loader, before its own filter), with a placeholder for
   the child's pid that each child patches in: libseccomp compiling it per case cost about
   0.8 ms a case on the 2-core test machine. */
#define IC_PID_PLACEHOLDER 0x7ffffff0u
static struct sock_filter *case_prog;
static unsigned short case_prog_len;

/** Exports the case filter's BPF through a pipe into memory. */
int ic_seccomp_case_prog_build(char *msg, size_t msg_len)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    int p[2], rc;
    ssize_t n;

    if (ctx == NULL) {
        snprintf(msg, msg_len, "seccomp_init failed");
        return -1;
    }
    rc = add_rules(ctx, 0, 0, (pid_t)IC_PID_PLACEHOLDER);
    if (rc != 0 || pipe(p) != 0) {
        snprintf(msg, msg_len, "seccomp: cannot build the case filter");
        seccomp_release(ctx);
        return -1;
    }
    fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
    rc = seccomp_export_bpf(ctx, p[1]);
    close(p[1]);
    seccomp_release(ctx);
    while (rc == 0) {
        if (len == cap) {
            unsigned char *g = realloc(buf, cap = cap ? 2 * cap : 8192);
            if (g == NULL) {
                rc = -1;
                break;
            }
            buf = g;
        }
        n = read(p[0], buf + len, cap - len);
        if (n <= 0) {
            break;
        }
        len += (size_t)n;
    }
    close(p[0]);
    if (rc != 0 || len == 0 || len % sizeof(struct sock_filter) != 0 ||
        len / sizeof(struct sock_filter) > 0xffff) {
        free(buf);
        snprintf(msg, msg_len, "seccomp: cannot export the case filter");
        return -1;
    }
    case_prog = (struct sock_filter *)buf;
    case_prog_len = (unsigned short)(len / sizeof(struct sock_filter));
    return 0;
}

/** Loads the compiled case filter with self's pid patched in (or compiles one now). */
int ic_seccomp_install_case(char *msg, size_t msg_len)
{
    struct sock_fprog prog;
    unsigned short i;
    pid_t self = getpid();

    if (case_prog == NULL) {
        return ic_seccomp_install(msg, msg_len);
    }
    for (i = 0; i < case_prog_len; i++) {
        if (BPF_CLASS(case_prog[i].code) == BPF_JMP && BPF_SRC(case_prog[i].code) == BPF_K &&
            case_prog[i].k == IC_PID_PLACEHOLDER) {
            case_prog[i].k = (uint32_t)self;
        }
    }
    prog.len = case_prog_len;
    prog.filter = case_prog;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
        snprintf(msg, msg_len, "seccomp(SET_MODE_FILTER): %s", strerror(errno));
        return -1;
    }
    return 0;
}

/** Number to name through libseccomp's table. */
const char *ic_syscall_name(int nr, char *buf, size_t len)
{
    char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);

    if (name != NULL) {
        snprintf(buf, len, "%s", name);
        free(name);
    } else {
        snprintf(buf, len, "syscall %d", nr);
    }
    return buf;
}
