/* check_reference.c - runs the reference's Check suites (build/tests/test_reference). */
#include <stdlib.h>

#include "test_helpers.h"

int main(void)
{
    SRunner *sr = srunner_create(coords_suite());
    int failed;

    srunner_add_suite(sr, validate_suite());
    srunner_add_suite(sr, values_suite());
    srunner_add_suite(sr, torch214_suite());
    srunner_add_suite(sr, half_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
