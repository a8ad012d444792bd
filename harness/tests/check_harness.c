/* check_harness.c - runs the harness's Check suites (CK_FORK=no for gdb). */
#include <check.h>
#include <stdlib.h>

Suite *manifest_suite(void);
Suite *filter_suite(void);
Suite *tolerance_suite(void);
Suite *diagnose_suite(void);
Suite *sandbox_suite(void);
Suite *alternatives_suite(void);
Suite *expect_suite(void);
Suite *diff_suite(void);
Suite *profile_suite(void);
Suite *oracles_suite(void);

/** Runs every suite; exit status 0 iff all pass. */
int main(void)
{
    SRunner *sr = srunner_create(manifest_suite());
    int failed;

    srunner_add_suite(sr, filter_suite());
    srunner_add_suite(sr, tolerance_suite());
    srunner_add_suite(sr, diagnose_suite());
    srunner_add_suite(sr, sandbox_suite());
    srunner_add_suite(sr, alternatives_suite());
    srunner_add_suite(sr, expect_suite());
    srunner_add_suite(sr, diff_suite());
    srunner_add_suite(sr, profile_suite());
    srunner_add_suite(sr, oracles_suite());
    srunner_run_all(sr, CK_ENV); /* CK_VERBOSITY=verbose lists every test */
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
