/* port_loader.h - dlopen()s a port, checks its descriptor, and decides SKIP by capability. */
#ifndef IC_PORT_LOADER_H
#define IC_PORT_LOADER_H

#include <stddef.h>

#include "ic_port.h"
#include "manifest.h"

/** A loaded port. */
typedef struct ic_loaded_port {
    void *handle;
    const ic_port *port;
    ic_supports_fn supports; /* NULL when absent or beyond struct_size */
    void (*flush)(void);     /* IC_PORT_FLUSH_SYMBOL, NULL when not exported */
    /* A port known only through ic_port_probe() (supervisor.h): handle is NULL, `port` points
       at `desc` (a copy of the descriptor: strings owned, function members NULL) and each case
       child loads `path` itself. */
    char *path;
    int has_supports;
    ic_port desc;
    int loader_pid;    /* the process that holds the port and forks case children; 0: none */
    int loader_sock;   /* its command socket */
    char fp_note[160]; /* non-empty: loading changed the floating-point environment (allowed) */
} ic_loaded_port;

/** Size of the ABI 1.0 part of ic_port: a port's struct_size must be at least this. */
#define IC_PORT_V1_0_SIZE (offsetof(ic_port, supports) + sizeof(ic_supports_fn))

/**
 * Loads path, resolves IC_PORT_ENTRY_SYMBOL, and checks abi_major, struct_size and the
 * mandatory members. Returns 0, or -1 with one line in msg.
 */
int ic_port_load(const char *path, ic_loaded_port *lp, char *msg, size_t msg_len);

/**
 * Checks a descriptor (the part of ic_port_load after dlsym); exposed for tests.
 * Returns 0, or -1 with one line in msg.
 */
int ic_port_check(const ic_port *p, char *msg, size_t msg_len);

/** dlclose()s the port (or frees a probed port's copy). */
void ic_port_unload(ic_loaded_port *lp);

/** The IC_MODE_* bit for a mode string, 0 for an unknown mode. */
unsigned ic_mode_bit(const char *mode);

/**
 * Returns NULL when the port declares the case (mode, dims, dtype, layout, antialias and, for
 * error cases, IC_FEAT_VALIDATES), otherwise a short reason ("mode", "dims", ...). Does not
 * call the optional supports(); the caller does that inside the sandbox.
 */
const char *ic_port_declines(const ic_port *p, const ic_case *c);

#endif /* IC_PORT_LOADER_H */
