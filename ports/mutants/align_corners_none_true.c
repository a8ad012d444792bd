/* align_corners_none_true.c - mutant: align_corners=None taken as True for the interpolating
 * modes (the pre-0.4.0 default, pytorch#5927), where torch 1.13 takes None as False. */
#include "icp_wrap.h"

static ic_args fix(const ic_args *args)
{
    ic_args a = *args;
    if (a.align_corners == IC_NONE && icp_is_interp_mode(a.mode)) {
        a.align_corners = 1;
    }
    return a;
}

ICP_DEFINE_ARGS_MUTANT("mutant-align_corners_none_true", fix)
