/* port_loader.c - loads a port shared object and checks its ABI descriptor (ic_port.h). */
#define _POSIX_C_SOURCE 200809L
#include "port_loader.h"

#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** Checks version, size and the mandatory members of a descriptor. */
int ic_port_check(const ic_port *p, char *msg, size_t msg_len)
{
    if (p == NULL) {
        snprintf(msg, msg_len, "%s() returned NULL", IC_PORT_ENTRY_SYMBOL);
        return -1;
    }
    if (p->abi_major != IC_ABI_MAJOR) {
        snprintf(msg, msg_len, "port ABI %u.%u, this harness speaks %d.x", p->abi_major,
                 p->abi_minor, IC_ABI_MAJOR);
        return -1;
    }
    if (p->struct_size < IC_PORT_V1_0_SIZE) {
        snprintf(msg, msg_len, "port struct_size %u is smaller than ABI 1.0's %zu", p->struct_size,
                 (size_t)IC_PORT_V1_0_SIZE);
        return -1;
    }
    if (p->name == NULL || p->version == NULL) {
        snprintf(msg, msg_len, "port name or version is NULL");
        return -1;
    }
    if (p->output_shape == NULL || p->interpolate == NULL) {
        snprintf(msg, msg_len, "port output_shape or interpolate is NULL");
        return -1;
    }
    return 0;
}

/** dlopen + dlsym + ic_port_check. */
int ic_port_load(const char *path, ic_loaded_port *lp, char *msg, size_t msg_len)
{
    ic_port_entry_fn entry;
    char why[400];
    void *sym;

    memset(lp, 0, sizeof *lp);
    lp->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (lp->handle == NULL) {
        const char *e = dlerror();
        snprintf(msg, msg_len, "cannot load port: %s", e ? e : path);
        return -1;
    }
    sym = dlsym(lp->handle, IC_PORT_ENTRY_SYMBOL);
    if (sym == NULL) {
        snprintf(msg, msg_len, "cannot load port %s: no symbol %s (ABI %d)", path,
                 IC_PORT_ENTRY_SYMBOL, IC_ABI_MAJOR);
        dlclose(lp->handle);
        lp->handle = NULL;
        return -1;
    }
    /* POSIX: a data pointer from dlsym converts to a function pointer through memcpy. */
    memcpy(&entry, &sym, sizeof entry);
    lp->port = entry();
    if (ic_port_check(lp->port, why, sizeof why) != 0) {
        snprintf(msg, msg_len, "cannot use port %s: %s", path, why);
        dlclose(lp->handle);
        lp->handle = NULL;
        lp->port = NULL;
        return -1;
    }
    lp->supports = lp->port->supports;
    sym = dlsym(lp->handle, IC_PORT_FLUSH_SYMBOL);
    if (sym != NULL) {
        memcpy(&lp->flush, &sym, sizeof lp->flush);
    }
    return 0;
}

/** Closes the shared object. */
void ic_port_unload(ic_loaded_port *lp)
{
    if (lp->handle != NULL) {
        dlclose(lp->handle);
    }
    if (lp->loader_pid > 0) {
        /* the loader ends when its socket closes; its process group goes with it */
        int tries;
        close(lp->loader_sock);
        /* It exits by itself at the EOF (a coverage build dumps its counters then); a loader
           that does not within 0.5 s is killed with its group. */
        for (tries = 0; tries < 100 && waitpid(lp->loader_pid, NULL, WNOHANG) == 0; tries++) {
            struct timespec ts = {0, 5000000};
            nanosleep(&ts, NULL);
        }
        kill(-lp->loader_pid, SIGKILL);
        if (tries == 100) {
            while (waitpid(lp->loader_pid, NULL, 0) < 0 && errno == EINTR) {
            }
        }
    }
    if (lp->port == &lp->desc) {
        free((char *)lp->desc.name);
        free((char *)lp->desc.version);
    }
    free(lp->path);
    memset(lp, 0, sizeof *lp);
}

static const struct {
    const char *name;
    unsigned bit;
} modes[] = {
    {"nearest", IC_MODE_NEAREST}, {"nearest-exact", IC_MODE_NEAREST_EXACT},
    {"linear", IC_MODE_LINEAR},   {"bilinear", IC_MODE_BILINEAR},
    {"bicubic", IC_MODE_BICUBIC}, {"trilinear", IC_MODE_TRILINEAR},
    {"area", IC_MODE_AREA},
};

/** Mode string to capability bit (exact, case-sensitive, like torch). */
unsigned ic_mode_bit(const char *mode)
{
    size_t i;

    for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        if (strcmp(mode, modes[i].name) == 0) {
            return modes[i].bit;
        }
    }
    return 0;
}

/** Capability test from the bitmasks. Error cases only need IC_FEAT_VALIDATES. */
const char *ic_port_declines(const ic_port *p, const ic_case *c)
{
    int dims = c->input.ndim - 2;

    if (c->error_cat != 0) {
        /* An error vector scores the port's validation, not a kernel: any mode, dims or
           dtype (including invalid ones) is in scope once the port says it validates. */
        return (p->features & IC_FEAT_VALIDATES) ? NULL : "validation (no IC_FEAT_VALIDATES)";
    }
    if ((p->modes & ic_mode_bit(c->mode)) == 0) {
        return "mode";
    }
    if (dims < 1 || dims > 3 || (p->dims & (1u << dims)) == 0) {
        return "dims";
    }
    if (c->input.dtype < 0 || c->input.dtype > 31 ||
        (p->dtypes & IC_DTYPE_BIT((unsigned)c->input.dtype)) == 0) {
        return "dtype";
    }
    if ((p->layouts & c->input.layout) == 0) {
        return "layout";
    }
    if (c->args.antialias && (p->features & IC_FEAT_ANTIALIAS) == 0) {
        return "antialias";
    }
    return NULL;
}
