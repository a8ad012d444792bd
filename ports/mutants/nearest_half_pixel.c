/* nearest_half_pixel.c - mutant (real libraries): legacy "nearest" computed with half-pixel
 * centres, floor((i + 0.5) * in / out). ONNX Resize's default coordinate mode is half_pixel,
 * so an adapter that maps torch's "nearest" onto it gets nearest-exact. */
#include <string.h>

#include "icp_wrap.h"

static ic_args fix(const ic_args *args)
{
    ic_args a = *args;
    if (a.mode != NULL && strcmp(a.mode, "nearest") == 0) {
        a.mode = "nearest-exact";
    }
    return a;
}

ICP_DEFINE_ARGS_MUTANT("mutant-nearest_half_pixel", fix)
