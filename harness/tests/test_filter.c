/* test_filter.c - include/exclude globs on ids and tags, and sharding. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

Suite *filter_suite(void);

static char *tags[] = {"mode:bilinear", "dims:2", "ac:false", "dtype:float32"};

static const struct {
    const char *pattern;
    const char *id;
    int match;
} pattern_rows[] = {
    {"bilinear_*", "bilinear_ac0_down_f32_n2c3_7x9_to_4x5", 1},
    {"*_f32_*", "bilinear_ac0_down_f32_n2c3_7x9_to_4x5", 1},
    {"*_f64_*", "bilinear_ac0_down_f32_n2c3_7x9_to_4x5", 0},
    {"bilinear", "bilinear_ac0_down_f32_n2c3_7x9_to_4x5", 0}, /* a glob matches the whole id */
    {"mode:bi*", "x", 1},
    {"mode:bicubic", "x", 0},
    {"dims:2", "x", 1},
    {"dims:[13]", "x", 0},
    {"ac:*", "x", 1},
    {"layout:*", "x", 0}, /* no such tag on this case */
};

START_TEST(patterns_glob_the_id_or_the_tags)
{
    ck_assert_int_eq(ic_pattern_matches(pattern_rows[_i].pattern, pattern_rows[_i].id, tags, 4),
                     pattern_rows[_i].match);
}
END_TEST

static const struct {
    const char *inc[2];
    const char *exc[2];
    int selected;
} filter_rows[] = {
    {{NULL, NULL}, {NULL, NULL}, 1},
    {{"mode:bilinear", NULL}, {NULL, NULL}, 1},
    {{"mode:bicubic", NULL}, {NULL, NULL}, 0},
    {{"mode:bicubic", "dims:2"}, {NULL, NULL}, 1}, /* includes are OR'ed */
    {{NULL, NULL}, {"dtype:float32", NULL}, 0},
    {{"mode:bilinear", NULL}, {"bil*", NULL}, 0}, /* exclude wins */
    {{"mode:bilinear", NULL}, {"dtype:uint8", "nearest*"}, 1},
};

START_TEST(include_rules_are_ored_and_excludes_win)
{
    ic_filter f;
    size_t k;

    memset(&f, 0, sizeof f);
    f.include = (const char **)filter_rows[_i].inc;
    f.exclude = (const char **)filter_rows[_i].exc;
    for (k = 0; k < 2; k++) {
        f.ninclude += filter_rows[_i].inc[k] != NULL;
        f.nexclude += filter_rows[_i].exc[k] != NULL;
    }
    ck_assert_int_eq(ic_filter_selects(&f, "bilinear_x", tags, 4), filter_rows[_i].selected);
}
END_TEST

START_TEST(every_case_lands_in_exactly_one_shard)
{
    long nshards = _i + 1, k;
    size_t i, ncases = 101;
    int *seen = calloc(ncases, sizeof *seen);
    ic_filter f;

    memset(&f, 0, sizeof f);
    for (k = 1; k <= nshards; k++) {
        f.shard_k = k;
        f.shard_n = nshards;
        for (i = 0; i < ncases; i++) {
            seen[i] += ic_shard_selects(&f, i);
        }
    }
    for (i = 0; i < ncases; i++) {
        ck_assert_msg(seen[i] == 1, "case %zu in %d shards of %ld", i, seen[i], nshards);
    }
    free(seen);
}
END_TEST

START_TEST(shard_k_of_n_is_index_mod_n)
{
    ic_filter f;

    memset(&f, 0, sizeof f);
    f.shard_k = 2;
    f.shard_n = 3;
    ck_assert(!ic_shard_selects(&f, 0));
    ck_assert(ic_shard_selects(&f, 1));
    ck_assert(!ic_shard_selects(&f, 2));
    ck_assert(ic_shard_selects(&f, 4));
    f.shard_n = 0;
    ck_assert(ic_shard_selects(&f, 7)); /* no --shard: everything */
}
END_TEST

static const struct {
    const char *text;
    int ok;
    long k, n;
} shard_rows[] = {
    {"1/1", 1, 1, 1},  {"2/3", 1, 2, 3},  {"3/3", 1, 3, 3}, {"0/3", 0, 0, 0},
    {"4/3", 0, 0, 0},  {"1/0", 0, 0, 0},  {"1", 0, 0, 0},   {"a/b", 0, 0, 0},
    {"1/2x", 0, 0, 0}, {"-1/2", 0, 0, 0}, {"", 0, 0, 0},
};

START_TEST(shard_option_parses_k_slash_n)
{
    long k = 0, n = 0;
    int rc = ic_shard_parse(shard_rows[_i].text, &k, &n);

    ck_assert_int_eq(rc == 0, shard_rows[_i].ok);
    if (shard_rows[_i].ok) {
        ck_assert_int_eq(k, shard_rows[_i].k);
        ck_assert_int_eq(n, shard_rows[_i].n);
    }
}
END_TEST

/** The filter and shard suite. */
Suite *filter_suite(void)
{
    Suite *s = suite_create("filter");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, patterns_glob_the_id_or_the_tags, 0,
                        (int)(sizeof pattern_rows / sizeof pattern_rows[0]));
    tcase_add_loop_test(tc, include_rules_are_ored_and_excludes_win, 0,
                        (int)(sizeof filter_rows / sizeof filter_rows[0]));
    tcase_add_loop_test(tc, every_case_lands_in_exactly_one_shard, 0, 7);
    tcase_add_test(tc, shard_k_of_n_is_index_mod_n);
    tcase_add_loop_test(tc, shard_option_parses_k_slash_n, 0,
                        (int)(sizeof shard_rows / sizeof shard_rows[0]));
    suite_add_tcase(s, tc);
    return s;
}
