/* align_corners_ignored.c - mutant (real libraries): align_corners=True computed with
 * half-pixel centres. Image libraries have one coordinate convention (cv::resize: half-pixel);
 * an adapter that drops the flag gives this. */
#include "icp_wrap.h"

static ic_args fix(const ic_args *args)
{
    ic_args a = *args;
    if (a.align_corners == 1) {
        a.align_corners = 0;
    }
    return a;
}

ICP_DEFINE_ARGS_MUTANT("mutant-align_corners_ignored", fix)
