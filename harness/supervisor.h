/* supervisor.h - the harness process never loads port code: a probe child loads the port once
 * to read its descriptor, and each case child loads it again inside its sandbox. */
#ifndef IC_SUPERVISOR_H
#define IC_SUPERVISOR_H

#include <stddef.h>
#include <stdint.h>

#include "port_loader.h"

/** The descriptor the result channel of a child is moved to (every other one is closed). */
#define IC_CHILD_FD 3

/** Exit status of a case child that found its result channel closed or replaced. */
#define IC_EXIT_CHANNEL_LOST 86

/**
 * Loads the port in a forked loader process (in its own process group, under the seccomp filter
 * with IC_PROBE_SANDBOX in flags) and copies its descriptor into *lp (handle NULL, see
 * port_loader.h). Whatever the port's load-time code does - exit, crash, hang, a denied system
 * call, a changed floating-point environment - this process is untouched: returns -1 with one line
 * in msg. Returns 0 on success.
 */
int ic_port_probe(const char *path, int flags, double timeout_s, ic_loaded_port *lp, char *msg,
                  size_t msg_len);

/** ic_port_probe flags: the seccomp filter on; a changed floating-point environment accepted
 *  (the port is then scored in its own mode, and lp->fp_note says what changed). */
#define IC_PROBE_SANDBOX 1
#define IC_PROBE_ALLOW_FP_ENV 2

/**
 * In a freshly forked child: stdin, stdout and stderr become devnull, keep_fd moves to
 * IC_CHILD_FD, and every other descriptor is closed (a case never sees another's pipes).
 * Returns 0, or -1 when the descriptors could not be arranged.
 */
int ic_child_fds(int keep_fd, int devnull);

/**
 * The floating-point control state that changes results: the rounding mode, the trapping
 * exceptions and, on x86, MXCSR's flush-to-zero and denormals-are-zero bits.
 */
uint32_t ic_fp_control(void);

/** One line naming what differs between two ic_fp_control() values. */
void ic_fp_control_diff(uint32_t before, uint32_t after, char *buf, size_t len);

#endif /* IC_SUPERVISOR_H */
