/* ctor_exit.c - faulty port: its shared-object constructor calls exit(0) (expect interpcheck
 * to refuse the port with exit status 3 and one line: never a green run that scored nothing). */
#include <stdlib.h>

#include "icp_wrap.h"

__attribute__((constructor)) static void bail_out(void)
{
    exit(0);
}

ICP_DEFINE_PORT("faulty-ctor-exit", icr_output_shape, icr_interpolate)
