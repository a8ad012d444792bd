/* align_corners_check_missing.c - mutant: align_corners passed with nearest, nearest-exact or
 * area is silently ignored, where torch.nn.functional.interpolate (1.13) raises ValueError
 * "align_corners option can only be set with the interpolating modes". */
#include "icp_wrap.h"

static ic_args fix(const ic_args *args)
{
    ic_args a = *args;
    if (!icp_is_interp_mode(a.mode)) {
        a.align_corners = IC_NONE;
    }
    return a;
}

ICP_DEFINE_ARGS_MUTANT("mutant-align_corners_check_missing", fix)
