/* nearest_exact_as_nearest.c - mutant: mode "nearest-exact" (pytorch#64501, 1.11) computed as
 * legacy "nearest" (no half-pixel centre), the mistake of a port written against <= 1.10. */
#include <string.h>

#include "icp_wrap.h"

static ic_args fix(const ic_args *args)
{
    ic_args a = *args;
    if (a.mode != NULL && strcmp(a.mode, "nearest-exact") == 0) {
        a.mode = "nearest";
    }
    return a;
}

ICP_DEFINE_ARGS_MUTANT("mutant-nearest_exact_as_nearest", fix)
