/* antialias_ignored.c - mutant (real libraries): antialias=True computed as plain bilinear /
 * bicubic. Libraries without an antialias filter (cv::resize INTER_LINEAR / INTER_CUBIC, most
 * inference-engine Resize kernels) give this when an adapter passes the flag through silently. */
#include "icp_wrap.h"

static ic_args fix(const ic_args *args)
{
    ic_args a = *args;
    a.antialias = 0;
    return a;
}

ICP_DEFINE_ARGS_MUTANT("mutant-antialias_ignored", fix)
