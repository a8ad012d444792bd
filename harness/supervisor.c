/* supervisor.c - loads a port in a probe child, never in the harness process (supervisor.h). */
#define _GNU_SOURCE
#include "supervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <fenv.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sandbox.h"
#include "results.h"
#include "seccomp_filter.h"

#ifdef IC_GCOV_DUMP
extern void __gcov_dump(void); /* libgcov, present in the --coverage build */
#endif

/* What the probe child sends back: one write, under PIPE_BUF. */
enum { PROBE_OK = 1, PROBE_REFUSED = 2, PROBE_DENIED = 3 };

typedef struct probe_rec {
    int32_t type;
    int32_t sysno;
    uint32_t abi_major, abi_minor, struct_size;
    uint32_t modes, dims, dtypes, layouts, features;
    int32_t has_supports;
    uint32_t fp_before, fp_after;
    char name[128];
    char version[128];
    char msg[512];
} probe_rec;

/** Moves keep_fd to IC_CHILD_FD, devnull over 0-2, closes the rest. */
int ic_child_fds(int keep_fd, int devnull)
{
    int fd, k, n = -1;

    /* First out of the way of 0-3 (either may sit on one of them), then into place. */
    k = fcntl(keep_fd, F_DUPFD, 10);
    if (k < 0) {
        return -1;
    }
    if (devnull >= 0) {
        n = fcntl(devnull, F_DUPFD, 10);
    }
    if (n >= 0) {
        dup2(n, STDIN_FILENO);
        dup2(n, STDOUT_FILENO);
        dup2(n, STDERR_FILENO);
    }
    if (dup2(k, IC_CHILD_FD) != IC_CHILD_FD) {
        return -1;
    }
#ifdef SYS_close_range
    if (syscall(SYS_close_range, IC_CHILD_FD + 1, ~0u, 0) == 0) {
        return 0;
    }
#endif
    {
        struct rlimit rl;
        long max = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY
                       ? (long)rl.rlim_cur
                       : 65536;
        for (fd = IC_CHILD_FD + 1; fd < max; fd++) {
            close(fd);
        }
    }
    return 0;
}

/** Rounding, traps and (x86) FTZ/DAZ in one word. */
uint32_t ic_fp_control(void)
{
#if defined(__x86_64__) || defined(__i386__)
    uint32_t mxcsr = 0;
    uint16_t cw = 0;

    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    return (mxcsr & 0xffc0u) | ((uint32_t)(cw & 0x0f3fu) << 16);
#else
    return (uint32_t)fegetround() | ((uint32_t)fegetexcept() << 8);
#endif
}

/** Names the changed parts. */
void ic_fp_control_diff(uint32_t before, uint32_t after, char *buf, size_t len)
{
#if defined(__x86_64__) || defined(__i386__)
    uint32_t ch = before ^ after;

    snprintf(buf, len, "MXCSR 0x%04x -> 0x%04x%s%s%s%s%s", (unsigned)(before & 0xffff),
             (unsigned)(after & 0xffff), ch & 0x8000u ? ", flush-to-zero" : "",
             ch & 0x0040u ? ", denormals-are-zero" : "", ch & 0x6000u ? ", rounding mode" : "",
             ch & 0x1f80u ? ", exception traps" : "",
             ch & 0xffff0000u ? ", x87 control word" : "");
#else
    snprintf(buf, len, "control 0x%x -> 0x%x (rounding mode or exception traps)", (unsigned)before,
             (unsigned)after);
#endif
}

static void write_all(int fd, const void *p, size_t n)
{
    const char *c = p;

    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return;
        }
        c += w;
        n -= (size_t)w;
    }
}

/* SIGSYS from the filter: report the call, then die of it. */
static void probe_on_sigsys(int sig, siginfo_t *si, void *uc)
{
    probe_rec r;

    (void)uc;
    memset(&r, 0, sizeof r);
    r.type = PROBE_DENIED;
    r.sysno = si->si_syscall;
    write_all(IC_CHILD_FD, &r, sizeof r);
    raise(sig); /* SA_RESETHAND restored the default: this ends the process */
}

/* The loader's service: one command per case; forks the case child (which makes its own
   process group), and when a child ends writes how (its wait status) into that case's result
   pipe and closes the pipe: the supervisor then sees the EOF, kills the group (whatever the
   case left) and scores. */
static void serve(const ic_loaded_port *lp)
{
    static ic_case_call k;
    static struct {
        pid_t pid;
        int fd;
    } live[128];
    sigset_t chld;
    int sfd, i;

    /* A case the supervisor gave up on (timeout) may have its pipe closed before the loader
       reports its end: EPIPE, not death. */
    signal(SIGPIPE, SIG_IGN);
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0) {
        _exit(124);
    }
#ifdef __GLIBC__
    malloc_trim(0); /* fewer pages for every fork to copy */
#endif
    for (;;) {
        struct pollfd pf[2] = {{IC_CHILD_FD, POLLIN, 0}, {sfd, POLLIN, 0}};
        struct msghdr mh;
        struct iovec iov;
        union {
            char buf[CMSG_SPACE(2 * sizeof(int))];
            struct cmsghdr align;
        } ctl;
        struct cmsghdr *cm;
        int fds[2] = {-1, -1}, wst;
        int32_t reply;
        ssize_t n;
        pid_t child;

        if (poll(pf, 2, -1) < 0) {
            continue;
        }
        if (pf[1].revents != 0) {
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof si) > 0) {
            }
            while ((child = waitpid(-1, &wst, WNOHANG)) > 0) {
                for (i = 0; i < (int)(sizeof live / sizeof live[0]); i++) {
                    if (live[i].pid == child) {
                        ic_write_exit_record(live[i].fd, wst);
                        close(live[i].fd);
                        live[i].pid = 0;
                    }
                }
            }
        }
        if (pf[0].revents == 0) {
            continue;
        }
        memset(&mh, 0, sizeof mh);
        iov.iov_base = &k;
        iov.iov_len = sizeof k;
        mh.msg_iov = &iov;
        mh.msg_iovlen = 1;
        mh.msg_control = ctl.buf;
        mh.msg_controllen = sizeof ctl.buf;
        n = recvmsg(IC_CHILD_FD, &mh, MSG_CMSG_CLOEXEC);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
#ifdef IC_GCOV_DUMP
            __gcov_dump(); /* make coverage: the loader's lines count too */
#endif
            _exit(0); /* the supervisor is done (or gone) */
        }
        cm = CMSG_FIRSTHDR(&mh);
        if (cm != NULL && cm->cmsg_type == SCM_RIGHTS &&
            cm->cmsg_len == CMSG_LEN(2 * sizeof(int))) {
            memcpy(fds, CMSG_DATA(cm), sizeof fds);
        }
        for (i = 0; i < (int)(sizeof live / sizeof live[0]) && live[i].pid != 0; i++) {
        }
        child = n == (ssize_t)sizeof k && fds[0] >= 0 && fds[1] >= 0 &&
                        i < (int)(sizeof live / sizeof live[0])
                    ? fork()
                    : -1;
        if (child == 0) {
            sigprocmask(SIG_UNBLOCK, &chld, NULL);
            setpgid(0, 0);
            ic_case_child_from_call(&k, lp, fds[0], fds[1]);
        }
        if (fds[1] >= 0) {
            close(fds[1]);
        }
        if (child > 0) {
            live[i].pid = child;
            live[i].fd = fds[0];
        } else if (fds[0] >= 0) {
            close(fds[0]);
        }
        reply = child > 0 ? (int32_t)child : -1;
        send(IC_CHILD_FD, &reply, sizeof reply, MSG_NOSIGNAL);
    }
}

static void probe_child(const char *path, int sandbox, int fp_ok, int fd, int devnull,
                        pid_t supervisor)
{
    static probe_rec r;
    ic_loaded_port lp;
    struct sigaction sa;
    struct rlimit rl;
    const ic_port *p;

    setpgid(0, 0);
    ic_child_no_leak_check();
    rl.rlim_cur = rl.rlim_max = 0;
    setrlimit(RLIMIT_CORE, &rl);
    if (ic_child_fds(fd, devnull) != 0) {
        _exit(125);
    }
    memset(&r, 0, sizeof r);
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = probe_on_sigsys;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSYS, &sa, NULL);
    /* A crash at load is the signal itself (not a sanitizer's report and exit(1)). */
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    if (sandbox) {
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        if (ic_seccomp_case_prog_build(r.msg, sizeof r.msg) != 0 ||
            ic_seccomp_install_loader(supervisor, r.msg, sizeof r.msg) != 0) {
            r.type = PROBE_REFUSED;
            write_all(IC_CHILD_FD, &r, sizeof r);
            _exit(0);
        }
    }
    r.fp_before = ic_fp_control();
    if (ic_port_load(path, &lp, r.msg, sizeof r.msg) != 0) {
        r.type = PROBE_REFUSED;
        write_all(IC_CHILD_FD, &r, sizeof r);
        _exit(0);
    }
    r.fp_after = ic_fp_control();
    p = lp.port;
    r.type = PROBE_OK;
    r.abi_major = p->abi_major;
    r.abi_minor = p->abi_minor;
    r.struct_size = p->struct_size;
    r.modes = p->modes;
    r.dims = p->dims;
    r.dtypes = p->dtypes;
    r.layouts = p->layouts;
    r.features = p->features;
    r.has_supports = lp.supports != NULL;
    snprintf(r.name, sizeof r.name, "%s", p->name);
    snprintf(r.version, sizeof r.version, "%s", p->version);
    write_all(IC_CHILD_FD, &r, sizeof r);
    if (r.fp_before != r.fp_after && !fp_ok) {
        _exit(0); /* refused by the supervisor */
    }
    serve(&lp);
    _exit(0);
}

/* Reads up to sizeof *r bytes until EOF or the deadline; returns the byte count, -1 on
   timeout. */
static long read_record(int fd, probe_rec *r, double deadline)
{
    size_t got = 0;

    for (;;) {
        struct pollfd pfd = {fd, POLLIN, 0};
        double left = deadline - ic_now();
        ssize_t n;
        if (left <= 0) {
            return -1;
        }
        if (poll(&pfd, 1, (int)(left * 1000.0) + 1) <= 0) {
            continue;
        }
        n = read(fd, (char *)r + got, sizeof *r - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return (long)got;
        }
        got += (size_t)n;
        if (got == sizeof *r) {
            return (long)got;
        }
    }
}

/** Forks the probe, reads its record, reaps it and its process group. */
int ic_port_probe(const char *path, int flags, double timeout_s, ic_loaded_port *lp, char *msg,
                  size_t msg_len)
{
    int sandbox = (flags & IC_PROBE_SANDBOX) != 0;
    int fp_ok = (flags & IC_PROBE_ALLOW_FP_ENV) != 0;
    probe_rec r;
    int fds[2], devnull, wst = 0;
    long got;
    pid_t pid;
    char why[300], sig[32];

    memset(lp, 0, sizeof *lp);
    memset(&r, 0, sizeof r);
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0) {
        snprintf(msg, msg_len, "cannot load port %s: socketpair: %s", path, strerror(errno));
        return -1;
    }
    devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        snprintf(msg, msg_len, "cannot load port %s: fork: %s", path, strerror(errno));
        close(fds[0]);
        close(fds[1]);
        if (devnull >= 0) {
            close(devnull);
        }
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        probe_child(path, sandbox, fp_ok, fds[1], devnull, getppid());
    }
    setpgid(pid, pid);
    close(fds[1]);
    if (devnull >= 0) {
        close(devnull);
    }
    got = read_record(fds[0], &r, ic_now() + timeout_s);
    if (got == (long)sizeof r && r.type == PROBE_OK && (r.fp_before == r.fp_after || fp_ok)) {
        /* The loader stays: it holds the port and forks every case. */
        struct timeval tv = {30, 0};
        setsockopt(fds[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        lp->loader_pid = pid;
        lp->loader_sock = fds[0];
    } else {
        close(fds[0]);
        kill(-pid, SIGKILL); /* the probe failed; so did anything it started */
        while (waitpid(pid, &wst, 0) < 0 && errno == EINTR) {
        }
    }
    r.msg[sizeof r.msg - 1] = r.name[sizeof r.name - 1] = r.version[sizeof r.version - 1] = 0;
    ic_text_sanitize(r.msg, sizeof r.msg);
    ic_text_sanitize(r.name, sizeof r.name);
    ic_text_sanitize(r.version, sizeof r.version);
    if (got == (long)sizeof r && r.type == PROBE_OK) {
        if (r.fp_before != r.fp_after && fp_ok) {
            ic_fp_control_diff(r.fp_before, r.fp_after, lp->fp_note, sizeof lp->fp_note);
        } else if (r.fp_before != r.fp_after) {
            ic_fp_control_diff(r.fp_before, r.fp_after, why, sizeof why);
            snprintf(msg, msg_len,
                     "cannot use port %s: loading it changes the floating-point environment "
                     "(%s); --allow-fp-env scores it in that mode",
                     path, why);
            return -1;
        }
        lp->path = ic_strdup(path);
        lp->desc.abi_major = r.abi_major;
        lp->desc.abi_minor = r.abi_minor;
        lp->desc.struct_size = r.struct_size;
        lp->desc.modes = r.modes;
        lp->desc.dims = r.dims;
        lp->desc.dtypes = r.dtypes;
        lp->desc.layouts = r.layouts;
        lp->desc.features = r.features;
        lp->desc.name = ic_strdup(r.name);
        lp->desc.version = ic_strdup(r.version);
        lp->has_supports = r.has_supports;
        lp->port = &lp->desc;
        if (lp->path == NULL || lp->desc.name == NULL || lp->desc.version == NULL) {
            ic_port_unload(lp);
            snprintf(msg, msg_len, "cannot load port %s: out of memory", path);
            return -1;
        }
        return 0;
    }
    if (got == (long)sizeof r && r.type == PROBE_REFUSED) {
        snprintf(msg, msg_len, "%s", r.msg);
    } else if (got == (long)sizeof r && r.type == PROBE_DENIED) {
        snprintf(msg, msg_len,
                 "cannot load port %s: its load-time code (a constructor or %s) made a system "
                 "call the sandbox denies: %s",
                 path, IC_PORT_ENTRY_SYMBOL, ic_syscall_name(r.sysno, sig, sizeof sig));
    } else if (got < 0) {
        snprintf(msg, msg_len,
                 "cannot load port %s: loading it (constructors, %s) did not finish in %.3g s",
                 path, IC_PORT_ENTRY_SYMBOL, timeout_s);
    } else if (WIFSIGNALED(wst) && WTERMSIG(wst) != SIGKILL) {
        snprintf(msg, msg_len,
                 "cannot load port %s: its load-time code (a constructor or %s) died of %s", path,
                 IC_PORT_ENTRY_SYMBOL, ic_signal_name(WTERMSIG(wst), sig, sizeof sig));
    } else if (WIFEXITED(wst)) {
        snprintf(msg, msg_len,
                 "cannot load port %s: its load-time code (a constructor or %s) called "
                 "exit(%d) before the harness could read its descriptor",
                 path, IC_PORT_ENTRY_SYMBOL, WEXITSTATUS(wst));
    } else {
        snprintf(msg, msg_len,
                 "cannot load port %s: the loading child ended without a descriptor "
                 "(killed, or it closed its result channel)",
                 path);
    }
    return -1;
}
