/* entry_crash.c - faulty port: ic_port_entry_v1 itself dereferences NULL (expect exit status 3,
 * "died of SIGSEGV"; the harness process never runs the entry function). */
#include <stddef.h>

#include "ic_port.h"

IC_EXPORT const ic_port *ic_port_entry_v1(void)
{
    volatile const ic_port *volatile p = NULL;

    return (const ic_port *)(size_t)p->abi_major;
}
