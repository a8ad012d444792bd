/* seccomp_filter.h - the seccomp-bpf allowlist a case child (and the load probe) runs under. */
#ifndef IC_SECCOMP_FILTER_H
#define IC_SECCOMP_FILTER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * The harness maps every buffer a port touches (input, output, their guard pages) inside one
 * reserved address range, the arena, between the program's heap (0x55..., 0x56... on x86-64)
 * and the shared libraries (0x7f...). The filter lets a port change memory mappings anywhere
 * except there: an mprotect/munmap/mremap/madvise/mmap(MAP_FIXED) whose start lies in
 * [IC_ARENA_LOW_LIMIT, IC_ARENA_END) is denied, and one starting below IC_ARENA_LOW_LIMIT may
 * not be longer than IC_ARENA_REACH (so it cannot reach the arena either).
 */
#define IC_ARENA_BASE 0x680000000000ull /* above ASan's allocator (0x600000000000 + 4 TiB) */
#define IC_ARENA_SIZE 0x010000000000ull /* 1 TiB of address space, never all mapped */
#define IC_ARENA_END (IC_ARENA_BASE + IC_ARENA_SIZE)
#define IC_ARENA_REACH 0x040000000000ull /* 4 TiB */
#define IC_ARENA_LOW_LIMIT (IC_ARENA_BASE - IC_ARENA_REACH)

/**
 * Installs the allowlist in the calling process (after PR_SET_NO_NEW_PRIVS): memory, threads,
 * futexes, clocks, signals to itself, read-only opens, writes to descriptors it already has.
 * Anything else raises SIGSYS (the caller's handler reports si_syscall). Returns 0, or -1
 * with one line in msg (no libseccomp support, or the kernel refused the filter).
 */
int ic_seccomp_install(char *msg, size_t msg_len);

/**
 * Installs the loader's filter: the case allowlist without the arena rule, plus what a process
 * that forks case children needs (fork, wait, its own process group, its command socket,
 * installing the stricter case filter in a child). It may signal only its own process group
 * (kill) and anyone but `supervisor` (tgkill, for raise() in its descendants).
 */
int ic_seccomp_install_loader(pid_t supervisor, char *msg, size_t msg_len);

/**
 * Compiles the case filter once, with a placeholder for the pid, and keeps its BPF in memory
 * (call before any filter that denies pipe()). Returns 0, or -1 with one line in msg.
 */
int ic_seccomp_case_prog_build(char *msg, size_t msg_len);

/**
 * Installs the case filter in the calling process: the compiled one with this process's pid
 * patched in when ic_seccomp_case_prog_build ran in an ancestor, else ic_seccomp_install().
 */
int ic_seccomp_install_case(char *msg, size_t msg_len);

/** The name of a system call number of this architecture ("mprotect"), or "syscall N". */
const char *ic_syscall_name(int nr, char *buf, size_t len);

#endif /* IC_SECCOMP_FILTER_H */
