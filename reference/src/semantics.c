/* semantics.c - the one place where a torch version (and what-if bits) turn into the rules
 * the kernels consult (icr_rules). Every difference between the torch releases the reference
 * follows is a field here, set per version; the kernels never test a version number.
 */
#include <string.h>

#include "icr_internal.h"

/* The torch that NULL semantics (icr_output_shape, icr_interpolate) follow: the newest
 * unless the build pins another (reference/module.mk, ICREF_DEFAULT_TORCH). */
#ifndef ICR_DEFAULT_TORCH
#define ICR_DEFAULT_TORCH ICR_TORCH_2_14
#endif

int32_t icr_semantics_for(const char *version, icr_semantics *sem)
{
    if (sem == NULL) {
        return IC_ERR_VALUE;
    }
    sem->whatif = 0;
    if (version == NULL || version[0] == '\0' || strcmp(version, "2.14") == 0 ||
        strcmp(version, "2.14.1") == 0) {
        sem->torch = ICR_TORCH_2_14;
        return IC_OK;
    }
    if (strcmp(version, "1.13") == 0 || strcmp(version, "1.13.1") == 0) {
        sem->torch = ICR_TORCH_1_13;
        return IC_OK;
    }
    sem->torch = 0;
    return IC_ERR_VALUE;
}

int32_t icr_rules_from(const icr_semantics *sem, icr_rules *r, char *msg, size_t msg_len)
{
    int32_t torch = sem != NULL ? sem->torch : ICR_DEFAULT_TORCH;

    memset(r, 0, sizeof *r);
    r->torch = torch;
    r->whatif = sem != NULL ? sem->whatif : 0;
    switch (torch) {
    case ICR_TORCH_1_13:
        r->opmath_coords = 0;
        r->linear_clamp = 0;
        r->nearest_rule = ICR_NEAREST_113;
        r->cl_tail_double = 1;
        r->aa_skip_same_size = 0;
        r->aa_one_column_bug = 0;
        r->checked_output_size = 0;
        break;
    case ICR_TORCH_2_14:
        r->opmath_coords = 1;
        r->linear_clamp = 1;
        r->nearest_rule = ICR_NEAREST_2X;
        r->cl_tail_double = 0;
        r->aa_skip_same_size = 1;
        r->aa_one_column_bug = 1;
        r->checked_output_size = 1;
        break;
    default:
        icr_set_msg(msg, msg_len, "unknown torch semantics %d (known: 113, 214)", (int)torch);
        return IC_ERR_VALUE;
    }
    /* what-if departures (ICR_WHATIF_*) are applied here */
    return IC_OK;
}
