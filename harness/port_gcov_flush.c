/* port_gcov_flush.c - linked into a port by `make port-coverage` (never into interpcheck).
 * The harness runs each case in a forked child that leaves with _exit(), which skips gcov's
 * exit-time dump; the harness calls this export (IC_PORT_FLUSH_SYMBOL) instead, so every
 * case's counters reach the port's .gcda files. Children of --jobs N merge into the same
 * files; libgcov locks them while it merges. */
#include "ic_port.h"

extern void __gcov_dump(void); /* libgcov (GCC >= 11), linked in by --coverage */

IC_EXPORT void ic_port_flush_v1(void);

IC_EXPORT void ic_port_flush_v1(void)
{
    __gcov_dump();
}
