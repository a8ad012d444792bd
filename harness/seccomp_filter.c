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
    SCMP_SYS(read), SCMP_SYS(readv), SCMP_SYS(pread64), SCMP_SYS(preadv),
    SCMP_SYS(write), SCMP_SYS(writev),
    SCMP_SYS(close), SCMP_SYS(fstat), SCMP_SYS(newfstatat), SCMP_SYS(statx), SCMP_SYS(stat),
    SCMP_SYS(lstat), SCMP_SYS(lseek), SCMP_SYS(access), SCMP_SYS(faccessat),
    SCMP_SYS(faccessat2), SCMP_SYS(readlink), SCMP_SYS(readlinkat), SCMP_SYS(getcwd),
    SCMP_SYS(getdents64), SCMP_SYS(fcntl), SCMP_SYS(dup), SCMP_SYS(dup3),
    SCMP_SYS(brk), SCMP_SYS(mincore), SCMP_SYS(membarrier),
    SCMP_SYS(futex), SCMP_SYS(futex_waitv), SCMP_SYS(set_robust_list),
    SCMP_SYS(get_robust_list), SCMP_SYS(set_tid_address), SCMP_SYS(rseq),
    SCMP_SYS(sched_yield), SCMP_SYS(sched_getaffinity), SCMP_SYS(getcpu),
    SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres), SCMP_SYS(clock_nanosleep),
    SCMP_SYS(nanosleep), SCMP_SYS(gettimeofday), SCMP_SYS(time),
    SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(getppid), SCMP_SYS(getuid),
    SCMP_SYS(geteuid), SCMP_SYS(getgid), SCMP_SYS(getegid), SCMP_SYS(getpgrp),
    SCMP_SYS(uname), SCMP_SYS(sysinfo), SCMP_SYS(getrandom), SCMP_SYS(getrusage),
    SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn), SCMP_SYS(sigaltstack),
    SCMP_SYS(rt_sigpending), SCMP_SYS(rt_sigtimedwait), SCMP_SYS(restart_syscall),
    SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(arch_prctl),
};

/* A coverage build writes .gcda files from each child; a sanitizer build may read
   /proc/self/maps, set a thread name or query limits. Those builds are for testing the harness,
   not for scoring foreign code. */
#if defined(IC_GCOV_DUMP) || defined(__SANITIZE_ADDRESS__)
#define IC_SECCOMP_LENIENT 1
static const int lenient_allowed[] = {
    SCMP_SYS(openat), SCMP_SYS(open), SCMP_SYS(mkdir), SCMP_SYS(ftruncate), SCMP_SYS(flock),
    SCMP_SYS(prctl), SCMP_SYS(prlimit64), SCMP_SYS(getrlimit), SCMP_SYS(unlink),
    SCMP_SYS(pwrite64), SCMP_SYS(sched_getparam), SCMP_SYS(sched_getscheduler),
    SCMP_SYS(ioctl), SCMP_SYS(madvise), SCMP_SYS(pipe2), SCMP_SYS(wait4),
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

/** Builds and loads the filter. */
int ic_seccomp_install(char *msg, size_t msg_len)
{
    scmp_filter_ctx ctx;
    struct scmp_arg_cmp c[2];
    pid_t self = getpid();
    size_t i;
    int rc = 0, e;

    ctx = seccomp_init(SCMP_ACT_TRAP);
    if (ctx == NULL) {
        snprintf(msg, msg_len, "seccomp_init failed");
        return -1;
    }
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
    /* Opening is for reading only (the dynamic loader maps the port and its libraries). */
    c[0] = SCMP_A2(SCMP_CMP_MASKED_EQ,
                   O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_TMPFILE, 0);
    rc = first_err(rc, allow(ctx, SCMP_SYS(openat), 1, c));
    c[0] = SCMP_A1(SCMP_CMP_MASKED_EQ,
                   O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_TMPFILE, 0);
    allow(ctx, SCMP_SYS(open), 1, c);
    /* isatty() of stdout when a port prints: the terminal query only. */
    c[0] = SCMP_A1(SCMP_CMP_EQ, TCGETS);
    rc = first_err(rc, allow(ctx, SCMP_SYS(ioctl), 1, c));
    /* getrlimit() through prlimit64 on itself, without a new limit. */
    c[0] = SCMP_A0(SCMP_CMP_EQ, 0);
    c[1] = SCMP_A2(SCMP_CMP_EQ, 0);
    rc = first_err(rc, allow(ctx, SCMP_SYS(prlimit64), 2, c));
    rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(madvise), NULL));
#endif
    /* Threads, never processes: clone() must carry CLONE_THREAD; clone3 answers ENOSYS so
       glibc falls back to clone(), whose flags the filter can read. */
    c[0] = SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
    rc = first_err(rc, allow(ctx, SCMP_SYS(clone), 1, c));
    rc = first_err(rc, seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0));
    /* Signals to itself only (raise(), abort()); never to the harness or anyone else. */
    c[0] = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)self);
    rc = first_err(rc, allow(ctx, SCMP_SYS(kill), 1, c));
    rc = first_err(rc, allow(ctx, SCMP_SYS(tgkill), 1, c));
    /* Any handler but one for SIGSYS, which reports the denied calls. */
    c[0] = SCMP_A0(SCMP_CMP_NE, SIGSYS);
    rc = first_err(rc, allow(ctx, SCMP_SYS(rt_sigaction), 1, c));
    /* Mappings anywhere but the harness's arena (input, output, guard pages). */
    rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(mprotect), NULL));
    rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(munmap), NULL));
    c[0] = SCMP_A3(SCMP_CMP_MASKED_EQ, MREMAP_FIXED, 0);
    rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(mremap), &c[0]));
    c[0] = SCMP_A3(SCMP_CMP_MASKED_EQ, MAP_FIXED, 0);
    rc = first_err(rc, allow(ctx, SCMP_SYS(mmap), 1, c));
    c[0] = SCMP_A3(SCMP_CMP_MASKED_EQ, MAP_FIXED, MAP_FIXED);
    rc = first_err(rc, allow_outside_arena(ctx, SCMP_SYS(mmap), &c[0]));
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
