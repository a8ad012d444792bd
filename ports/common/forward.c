/* forward.c - a port that forwards every call to the reference library as compiled with it.
 *
 * Built once per patched reference copy (mutants, honest variants); ICP_NAME names the port.
 */
#include "icp_wrap.h"

#ifndef ICP_NAME
#define ICP_NAME "forward"
#endif

ICP_DEFINE_PORT(ICP_NAME, icr_output_shape, icr_interpolate)
