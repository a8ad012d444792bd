/* report_html.c - one self-contained HTML report: run info, outcome matrix, failures, heat maps */
#include "report.h"
#include "safe_file.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_text.h"
#include "results.h"

/* At most this many failing/erroring cases are detailed per cause (the JSON and JUnit reports
   list them all); at most HEAT_MAX get a heat map. */
#define GROUP_EXAMPLES 5
#define HEAT_MAX 100
/* Colour steps of each heat scale (within bound: green; beyond bound: red). */
#define HEAT_LEVELS 8
/* Heat maps are drawn about this many pixels on their longer side. */
#define HEAT_PX 256

static void esc(FILE *f, const char *s)
{
    ic_report__escape(f, s, 0);
}

/* A metric as %.9g (style rule), or an em dash where it does not apply (NaN). */
static void num(FILE *f, double v)
{
    if (isnan(v)) {
        fputs("&#8212;", f);
    } else {
        fprintf(f, "%.9g", v);
    }
}

/* ---- styles ------------------------------------------------------------------------------ */

/* Heat colours: g0..g7 within bound (light to deep green), r0..r7 beyond it (1x to >=1000x,
   log scale), nan grey. Computed once here so the legend and the maps agree. */
static void heat_rgb(int red, int level, int rgb[3])
{
    static const int g_lo[3] = {0xe8, 0xf5, 0xe9}, g_hi[3] = {0x2e, 0x9d, 0x45};
    static const int r_lo[3] = {0xff, 0xc4, 0xa8}, r_hi[3] = {0x9b, 0x0f, 0x0f};
    const int *lo = red ? r_lo : g_lo, *hi = red ? r_hi : g_hi;
    int k;

    for (k = 0; k < 3; k++) {
        rgb[k] = lo[k] + (hi[k] - lo[k]) * level / (HEAT_LEVELS - 1);
    }
}

static void write_style(FILE *f)
{
    int level, red, rgb[3];

    fputs("<style>\n"
          "body{font:14px/1.4 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
          "margin:24px;color:#1f2328;max-width:1400px}\n"
          "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;"
          "border-bottom:1px solid #d0d7de;padding-bottom:4px}\n"
          "code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}\n"
          "table{border-collapse:collapse}td,th{padding:3px 8px;text-align:left;"
          "vertical-align:top}\n"
          ".info th{color:#57606a;font-weight:600;white-space:nowrap}\n"
          ".info td{word-break:break-all}\n"
          ".badge{display:inline-block;padding:2px 10px;border-radius:12px;font-size:13px;"
          "font-weight:600;vertical-align:middle;margin-left:8px}\n"
          ".ok{background:#c8efcf;color:#116329}.bad{background:#ffd1d1;color:#a40e26}\n"
          ".counts{display:flex;gap:10px;flex-wrap:wrap}\n"
          ".count{border:1px solid #d0d7de;border-radius:6px;padding:6px 14px;min-width:70px}\n"
          ".count b{display:block;font-size:22px}\n"
          ".count.pass{border-color:#4ac26b}.count.fail{border-color:#e5534b}"
          ".count.error{border-color:#e69b26}.count.skip{border-color:#aaa}\n"
          ".matrix td,.matrix th{border:1px solid #d0d7de;text-align:center;min-width:62px}\n"
          ".matrix th.mode{text-align:left}\n"
          ".matrix td small{display:block;font-size:11px;color:#444}\n"
          ".c-pass{background:#a8e6b5}.c-fail{background:#f59a9a}.c-error{background:#fbc77a}"
          ".c-skip{background:#d6d6d6}.c-none{background:#fafafa;color:#bbb}\n"
          ".fails{width:100%}.fails>tbody>tr>td,.fails>thead>tr>th{border-top:1px solid "
          "#d0d7de;padding:6px 8px}\n"
          ".fails td.msg{word-break:break-word;max-width:520px}\n"
          ".fails td.id{overflow-wrap:anywhere;max-width:340px}\n"
          ".fails td.kind{white-space:nowrap}\n"
          ".v{font-weight:700}.v.FAIL{color:#a40e26}.v.ERROR{color:#b35900}"
          ".v.XPASS{color:#8250df}.v.XFAIL{color:#57606a}\n"
          ".nonconf{border:2px solid #a40e26;background:#fff0f0;padding:8px 12px;"
          "font-weight:600;margin:10px 0}\n"
          ".metrics td,.metrics th{padding:0 6px 0 0;font-size:12px;white-space:nowrap}\n"
          ".metrics th{color:#57606a;font-weight:400}\n"
          ".tags{color:#57606a;font-size:11.5px}\n"
          ".legend span.sw{display:inline-block;width:18px;height:12px;vertical-align:middle}\n"
          ".legend{font-size:12px;margin:6px 0 10px}\n"
          ".note{color:#57606a}\n"
          ".mut{font-weight:600}\n"
          ".causes td,.causes th{border-top:1px solid #d0d7de;padding:2px 10px}\n"
          ".fails tr.group th{background:#f6f8fa;font-weight:600;text-align:left}\n"
          ".banner{border:2px solid #a40e26;background:#ffd1d1;color:#a40e26;font-weight:600;"
          "padding:8px 12px;border-radius:6px;margin:10px 0}\n"
          ".banner.warn{border-color:#b35900;background:#fff1d6;color:#7a3d00}\n",
          f);
    for (red = 0; red < 2; red++) {
        for (level = 0; level < HEAT_LEVELS; level++) {
            heat_rgb(red, level, rgb);
            fprintf(f, ".%c%d{fill:#%02x%02x%02x;background:#%02x%02x%02x}", red ? 'r' : 'g',
                    level, rgb[0], rgb[1], rgb[2], rgb[0], rgb[1], rgb[2]);
        }
        fputc('\n', f);
    }
    fputs(".nan{fill:#9e9e9e;background:#9e9e9e}\n</style>\n", f);
}

/* ---- run info and summary ---------------------------------------------------------------- */

static void info_row_or(FILE *f, const char *name, const char *value, const char *if_empty)
{
    fprintf(f, "<tr><th>%s</th><td>", name);
    if (value != NULL && value[0] != '\0') {
        esc(f, value);
    } else {
        fprintf(f, "<span class=\"note\">%s</span>", if_empty);
    }
    fputs("</td></tr>\n", f);
}

static void info_row(FILE *f, const char *name, const char *value)
{
    info_row_or(f, name, value, "(not recorded)");
}

static void write_info(FILE *f, const ic_run_info *info)
{
    char buf[96];

    fputs("<h2>Run</h2>\n<table class=\"info\">\n", f);
    fputs("<tr><th>Port</th><td>", f);
    esc(f, info->port_name != NULL ? info->port_name : "(unnamed)");
    fputs(" ", f);
    esc(f, info->port_version);
    fputs("</td></tr>\n", f);
    info_row(f, "Port file", info->port_path);
    snprintf(buf, sizeof buf, "port %u.%u, harness %u.%u", (unsigned)info->port_abi_major,
             (unsigned)info->port_abi_minor, (unsigned)info->abi_major, (unsigned)info->abi_minor);
    info_row(f, "ABI", buf);
    info_row(f, "Vectors", info->vectors_dir);
    info_row(f, "Manifest SHA-256", info->manifest_sha256);
    info_row_or(f, "Oracle", info->oracle_provenance, "(not recorded)");
    info_row(f, "Harness version", info->harness_version);
    info_row(f, "Host", info->host);
    info_row(f, "Compiler", info->compiler);
    info_row_or(f, "Filters", info->filters, "(none: every vector)");
    info_row(f, "Started (UTC)", info->started);
    if (isfinite(info->seconds)) {
        snprintf(buf, sizeof buf, "%.3f s", info->seconds);
    } else {
        buf[0] = '\0';
    }
    info_row(f, "Wall time", buf);
    info_row(f, "Strict", info->strict ? "yes" : "no");
    info_row(f, "Isolation", ic_run_isolation(info));
    fputs("</table>\n", f);
}

static void count_box(FILE *f, const char *cls, const char *label, size_t v, const char *extra)
{
    fprintf(f, "<div class=\"count %s\"><b>%zu</b>%s%s</div>\n", cls, v, label,
            extra != NULL ? extra : "");
}

static void write_summary(FILE *f, const ic_run_info *info, const ic_summary *s,
                          const ic_case_result *results, size_t n)
{
    char exact[64], line[512];
    ic_fingerprint fp;

    fputs("<h2>Summary</h2>\n<div class=\"counts\">\n", f);
    count_box(f, "", "cases", s->total, NULL);
    snprintf(exact, sizeof exact, " <span class=\"note\">(%zu bit-exact)</span>", s->exact);
    count_box(f, "pass", "pass", s->pass, exact);
    count_box(f, "fail", "fail", s->fail, NULL);
    count_box(f, "error", "error", s->error, NULL);
    count_box(f, "skip", "skip", s->skip, NULL);
    if (s->xfail + s->xpass > 0 || info->expect_file != NULL) {
        count_box(f, "", "xfail", s->xfail, " <span class=\"note\">(expected)</span>");
        count_box(f, "fail", "xpass", s->xpass, NULL);
    }
    fputs("</div>\n", f);
    if (info->mutation_score != NULL) {
        fputs("<p class=\"mut\">Mutation score: ", f);
        esc(f, info->mutation_score);
        fputs("</p>\n", f);
    }
    ic_fingerprint_count(info, results, n, &fp);
    ic_fingerprint_line(info, &fp, line, sizeof line);
    if (line[0] != '\0') {
        fputs("<p id=\"fingerprint\" class=\"mut\">Version ", f);
        esc(f, line);
        fputs("</p>\n", f);
    }
}

/* "matches: torch 2.14, torch 1.13" (or "matches: no torch version") for a failing row. */
static void write_matches(FILE *f, const ic_run_info *info, const ic_case_result *r)
{
    size_t k;
    int any = 0;

    if (info->noracles < 2) {
        return;
    }
    fputs("<div class=\"tags\">matches: ", f);
    for (k = 0; k < info->noracles && k < IC_RUN_MAX_ORACLES; k++) {
        if (r->oracle_pass & (1u << k)) {
            fputs(any ? ", torch " : "torch ", f);
            esc(f, info->oracles[k]);
            any = 1;
        }
    }
    fputs(any ? "</div>" : "no torch version</div>", f);
}

/* ---- the mode x dims x align_corners matrix ---------------------------------------------- */

/* A list of distinct tag values, in display order. */
typedef struct vals {
    const char **v;
    size_t n;
} vals;

static size_t vals_index(const vals *l, const char *s)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        if (strcmp(l->v[i], s) == 0) {
            return i;
        }
    }
    return l->n;
}

/* Rank for ordering: the position in canon when listed there, else after all of them. */
static size_t rank(const char *s, const char *const *canon)
{
    size_t i;

    for (i = 0; canon[i] != NULL; i++) {
        if (strcmp(canon[i], s) == 0) {
            return i;
        }
    }
    return i;
}

/* Adds s if new, keeping the list sorted by (rank, numeric value, string). */
static void vals_add(vals *l, const char *s, const char *const *canon)
{
    size_t i, pos;

    if (vals_index(l, s) < l->n) {
        return;
    }
    for (pos = 0; pos < l->n; pos++) {
        size_t ra = rank(s, canon), rb = rank(l->v[pos], canon);
        long na = strtol(s, NULL, 10), nb = strtol(l->v[pos], NULL, 10);
        if (ra < rb || (ra == rb && (na < nb || (na == nb && strcmp(s, l->v[pos]) < 0)))) {
            break;
        }
    }
    for (i = l->n; i > pos; i--) {
        l->v[i] = l->v[i - 1];
    }
    l->v[pos] = s;
    l->n++;
}

/* Counts of one matrix cell. */
typedef struct cell {
    size_t pass, fail, error, skip;
} cell;

/* Matrix rows and column groups: the real modes and spatial ranks; the error vectors' invalid
   mode strings ('foo', 'Bilinear', ...) and ranks (0-D, 4-D) share one "other" row/column. */
static const char *const mode_order[] = {
    "nearest", "nearest-exact", "linear",    "bilinear", "bilinear-aa",
    "bicubic", "bicubic-aa",    "trilinear", "area",     NULL};
static const char *const dims_order[] = {"1", "2", "3", NULL};
static const char *const ac_order[] = {"none", "false", "true", NULL};

static const char *tag_in(const ic_case_result *r, const char *key, const char *const *canon)
{
    const char *v = ic_report__tag(r, key);

    if (v == NULL) {
        return "other";
    }
    return canon[rank(v, canon)] == NULL ? "other" : v;
}

/* The matrix row: the mode, with antialias bilinear/bicubic as kernels of their own. */
static const char *kernel_in(const ic_case_result *r)
{
    const char *m = tag_in(r, "mode", mode_order), *aa = ic_report__tag(r, "aa");

    if (aa != NULL && strcmp(aa, "1") == 0) {
        if (strcmp(m, "bilinear") == 0) {
            return "bilinear-aa";
        }
        if (strcmp(m, "bicubic") == 0) {
            return "bicubic-aa";
        }
    }
    return m;
}

static int write_matrix(FILE *f, const ic_case_result *results, size_t n)
{
    vals modes = {NULL, 0}, dims = {NULL, 0}, acs = {NULL, 0};
    cell *cells = NULL;
    unsigned char *used = NULL;
    size_t i, m, d, a, slot;
    int rc = -1;

    modes.v = malloc((n + 1) * sizeof *modes.v);
    dims.v = malloc((n + 1) * sizeof *dims.v);
    acs.v = malloc((n + 1) * sizeof *acs.v);
    if (modes.v == NULL || dims.v == NULL || acs.v == NULL) {
        goto out;
    }
    for (i = 0; i < n; i++) {
        vals_add(&modes, kernel_in(&results[i]), mode_order);
        vals_add(&dims, tag_in(&results[i], "dims", dims_order), dims_order);
        vals_add(&acs, tag_in(&results[i], "ac", ac_order), ac_order);
    }
    cells = calloc(modes.n * dims.n * acs.n + 1, sizeof *cells);
    used = calloc(dims.n * acs.n + 1, 1);
    if (cells == NULL || used == NULL) {
        goto out;
    }
    for (i = 0; i < n; i++) {
        cell *c;
        m = vals_index(&modes, kernel_in(&results[i]));
        d = vals_index(&dims, tag_in(&results[i], "dims", dims_order));
        a = vals_index(&acs, tag_in(&results[i], "ac", ac_order));
        c = &cells[(m * dims.n + d) * acs.n + a];
        used[d * acs.n + a] = 1;
        switch (results[i].verdict) {
        case IC_VERDICT_PASS:
            c->pass++;
            break;
        case IC_VERDICT_FAIL:
            c->fail++;
            break;
        case IC_VERDICT_SKIP:
            c->skip++;
            break;
        default:
            c->error++;
            break;
        }
    }
    fputs("<h2>Outcome by kernel, spatial dims and align_corners</h2>\n"
          "<p class=\"note\">Each cell: passing / run cases (skips not counted as run). "
          "Green: all run cases pass; red: a failure; orange: an error and no failure; "
          "grey: all skipped. Antialias bilinear/bicubic are rows of their own (-aa). "
          "The error vectors' invalid modes and ranks are grouped as "
          "&#8220;other&#8221;.</p>\n<table class=\"matrix\">\n"
          "<tr><th rowspan=\"2\">mode</th>",
          f);
    for (d = 0; d < dims.n; d++) {
        size_t span = 0;
        for (a = 0; a < acs.n; a++) {
            span += used[d * acs.n + a];
        }
        fprintf(f, "<th colspan=\"%zu\">", span);
        if (strcmp(dims.v[d], "other") == 0) {
            fputs("other ranks", f);
        } else {
            esc(f, dims.v[d]);
            fputs("-D", f);
        }
        fputs("</th>", f);
    }
    fputs("</tr>\n<tr>", f);
    for (d = 0; d < dims.n; d++) {
        for (a = 0; a < acs.n; a++) {
            if (used[d * acs.n + a]) {
                fputs("<th>ac=", f);
                esc(f, acs.v[a]);
                fputs("</th>", f);
            }
        }
    }
    fputs("</tr>\n", f);
    for (m = 0; m < modes.n; m++) {
        fputs("<tr><th class=\"mode\">", f);
        esc(f, strcmp(modes.v[m], "other") == 0 ? "other mode strings" : modes.v[m]);
        fputs("</th>", f);
        for (d = 0; d < dims.n; d++) {
            for (a = 0; a < acs.n; a++) {
                const cell *c;
                const char *cls;
                size_t run;
                slot = d * acs.n + a;
                if (!used[slot]) {
                    continue;
                }
                c = &cells[m * dims.n * acs.n + slot];
                run = c->pass + c->fail + c->error;
                if (run + c->skip == 0) {
                    fputs("<td class=\"c-none\">&#183;</td>", f);
                    continue;
                }
                cls = c->fail ? "c-fail" : c->error ? "c-error" : run == 0 ? "c-skip" : "c-pass";
                fprintf(f, "<td class=\"%s\" title=\"pass %zu, fail %zu, error %zu, skip %zu\">",
                        cls, c->pass, c->fail, c->error, c->skip);
                if (run > 0) {
                    fprintf(f, "%zu/%zu", c->pass, run);
                } else {
                    fputs("skip", f);
                }
                if (c->fail || c->error || c->skip) {
                    fputs("<small>", f);
                    if (c->fail) {
                        fprintf(f, "%zu fail ", c->fail);
                    }
                    if (c->error) {
                        fprintf(f, "%zu err ", c->error);
                    }
                    if (c->skip) {
                        fprintf(f, "%zu skip", c->skip);
                    }
                    fputs("</small>", f);
                }
                fputs("</td>", f);
            }
        }
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
    rc = 0;
out:
    free(modes.v);
    free(dims.v);
    free(acs.v);
    free(cells);
    free(used);
    return rc;
}

/* ---- failures and heat maps -------------------------------------------------------------- */

/* Colour class of one heat value err/bound: 0..HEAT_LEVELS-1 green (<= 1), HEAT_LEVELS..
   2*HEAT_LEVELS-1 red (> 1, log10 scale up to 1000x), 2*HEAT_LEVELS for NaN. */
static int heat_class(float v)
{
    int level;

    if (isnan(v)) {
        return 2 * HEAT_LEVELS;
    }
    if (v <= 1.0f) {
        level = v <= 0 ? 0 : (int)(v * HEAT_LEVELS);
        return level >= HEAT_LEVELS ? HEAT_LEVELS - 1 : level;
    }
    if (isinf(v)) {
        return 2 * HEAT_LEVELS - 1;
    }
    level = (int)(log10(v) / 3.0 * HEAT_LEVELS);
    return HEAT_LEVELS + (level >= HEAT_LEVELS ? HEAT_LEVELS - 1 : level);
}

static void class_name(int cls, char out[8])
{
    if (cls == 2 * HEAT_LEVELS) {
        snprintf(out, 8, "nan");
    } else {
        snprintf(out, 8, "%c%d", cls < HEAT_LEVELS ? 'g' : 'r', cls % HEAT_LEVELS);
    }
}

static void write_legend(FILE *f)
{
    int cls;
    char name[8];

    fputs("<div class=\"legend\">Heat maps: err/bound per element of the worst (n, c) plane "
          "(downsampled to at most 64&#215;64). 0 ",
          f);
    for (cls = 0; cls < HEAT_LEVELS; cls++) {
        class_name(cls, name);
        fprintf(f, "<span class=\"sw %s\"></span>", name);
    }
    fputs(" 1 (the bound) ", f);
    for (cls = HEAT_LEVELS; cls < 2 * HEAT_LEVELS; cls++) {
        class_name(cls, name);
        fprintf(f, "<span class=\"sw %s\"></span>", name);
    }
    fputs(" &#8805;1000 &#160; <span class=\"sw nan\"></span> NaN</div>\n", f);
}

/* One inline SVG; each colour class is one <path> of row runs, which keeps 64x64 maps small. */
static void write_heat(FILE *f, const ic_case_result *r)
{
    int h = r->heat_h, w = r->heat_w, side = h > w ? h : w;
    int cs = HEAT_PX / side, cls, y, x, x0;
    float vmax = 0;
    size_t k, cells = (size_t)h * (size_t)w;
    char name[8];

    cs = cs < 2 ? 2 : cs > 24 ? 24 : cs;
    for (k = 0; k < cells; k++) {
        if (r->heat[k] > vmax) {
            vmax = r->heat[k];
        }
    }
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\" role=\"img\">"
            "<title>err/bound, %dx%d, max %.4g</title>",
            w * cs + 2, h * cs + 2, w * cs + 2, h * cs + 2, h, w, (double)vmax);
    fprintf(f,
            "<rect x=\"0.5\" y=\"0.5\" width=\"%d\" height=\"%d\" fill=\"none\" "
            "stroke=\"#888\"/>",
            w * cs + 1, h * cs + 1);
    for (cls = 0; cls <= 2 * HEAT_LEVELS; cls++) {
        int any = 0;
        for (y = 0; y < h; y++) {
            for (x = 0; x < w; x = x0) {
                x0 = x + 1;
                if (heat_class(r->heat[(size_t)y * w + x]) != cls) {
                    continue;
                }
                while (x0 < w && heat_class(r->heat[(size_t)y * w + x0]) == cls) {
                    x0++;
                }
                if (!any) {
                    class_name(cls, name);
                    fprintf(f, "<path class=\"%s\" d=\"", name);
                    any = 1;
                }
                fprintf(f, "M%d %dh%dv%dh-%dz", 1 + x * cs, 1 + y * cs, (x0 - x) * cs, cs,
                        (x0 - x) * cs);
            }
        }
        if (any) {
            fputs("\"/>", f);
        }
    }
    fprintf(f, "</svg><div class=\"note\">%dx%d, max err/bound %.4g</div>", h, w, (double)vmax);
}

static void metric_row(FILE *f, const char *name, double v)
{
    fprintf(f, "<tr><th>%s</th><td class=\"mono\">", name);
    num(f, v);
    fputs("</td></tr>", f);
}

/* An unexpected FAIL/ERROR, or an XPASS; XFAILs are listed in their own section. */
static int is_problem(const ic_case_result *r)
{
    if (r->expect != IC_EXPECT_NONE) {
        return r->expect == IC_EXPECT_XPASS;
    }
    return r->verdict != IC_VERDICT_PASS && r->verdict != IC_VERDICT_SKIP;
}

static int has_heat(const ic_case_result *r)
{
    return r->heat != NULL && r->heat_h > 0 && r->heat_w > 0;
}

/* One line "By kind: values 120, shape 6": what went wrong, before the detail. */
static void write_kinds(FILE *f, const ic_case_result *results, size_t n)
{
    size_t i, j, count;
    const char *sep = "";

    fputs("<p>By kind:", f);
    for (i = 0; i < n; i++) {
        const char *k = results[i].kind != NULL ? results[i].kind : "?";
        int seen = 0;
        if (!is_problem(&results[i])) {
            continue;
        }
        for (j = 0; j < i && !seen; j++) {
            const char *kj = results[j].kind != NULL ? results[j].kind : "?";
            seen = is_problem(&results[j]) && results[j].verdict == results[i].verdict &&
                   strcmp(kj, k) == 0;
        }
        if (seen) {
            continue;
        }
        for (count = 0, j = i; j < n; j++) {
            const char *kj = results[j].kind != NULL ? results[j].kind : "?";
            count += is_problem(&results[j]) && results[j].verdict == results[i].verdict &&
                     strcmp(kj, k) == 0;
        }
        fprintf(f, "%s <span class=\"v %s\">%s</span> <code>", sep,
                ic_verdict_name(results[i].verdict), ic_verdict_name(results[i].verdict));
        esc(f, k);
        fprintf(f, "</code> %zu", count);
        sep = ",";
    }
    fputs("</p>\n", f);
}

/* One failure row (with its heat map when it has one and fewer than HEAT_MAX were drawn). */
static void write_failure_row(FILE *f, const ic_run_info *info, const ic_case_result *r,
                              int any_heat, size_t *heats)
{
    const char *v = r->expect == IC_EXPECT_XPASS ? "XPASS" : ic_verdict_name(r->verdict);
    size_t t;

    fprintf(f, "<tr><td class=\"v %s\">%s</td><td class=\"id\"><code>", v, v);
    esc(f, r->id);
    fputs("</code><div class=\"tags\">", f);
    for (t = 0; t < r->ntags; t++) {
        esc(f, r->tags[t]);
        fputc(' ', f);
    }
    fputs("</div></td><td class=\"kind\"><code>", f);
    esc(f, r->kind != NULL ? r->kind : "?");
    fputs("</code></td><td class=\"msg\">", f);
    esc(f, r->message);
    write_matches(f, info, r);
    fputs("</td><td><table class=\"metrics\">", f);
    metric_row(f, "max_abs_err", r->max_abs_err);
    metric_row(f, "max_rel_err", r->max_rel_err);
    metric_row(f, "max_ulp", r->max_ulp);
    metric_row(f, "bound", r->bound);
    if (!isnan(r->bound_ratio)) {
        metric_row(f, "err/bound", r->bound_ratio);
    }
    if (r->nan_mismatches > 0 || r->inf_mismatches > 0) {
        metric_row(f, "NaN mismatches", (double)r->nan_mismatches);
        metric_row(f, "inf mismatches", (double)r->inf_mismatches);
    }
    if (!isnan(r->f64_max_abs_err)) {
        metric_row(f, "vs f64: port", r->f64_max_abs_err);
        metric_row(f, "vs f64: torch", r->torch_f64_max_abs_err);
    }
    metric_row(f, "seconds", r->seconds);
    fputs("</table></td>", f);
    if (any_heat) {
        fputs("<td>", f);
    }
    if (has_heat(r)) {
        if (*heats < HEAT_MAX) {
            write_heat(f, r);
        } else {
            fprintf(f,
                    "<span class=\"note\">(heat map omitted: only the first %d are "
                    "drawn)</span>",
                    HEAT_MAX);
        }
        (*heats)++;
    }
    fputs(any_heat ? "</td></tr>\n" : "</tr>\n", f);
}

/* The cause a listed case is grouped under: an XPASS (expected to fail, passes) has none. */
static const char *problem_cause(const ic_case_result *r)
{
    return r->expect == IC_EXPECT_XPASS ? "xpass" : ic_result_cause(r);
}

static int cmp_count(const void *a, const void *b)
{
    const ic_cause_count *x = a, *y = b;

    if (x->cases != y->cases) {
        return x->cases > y->cases ? -1 : 1;
    }
    return strcmp(x->cause, y->cause);
}

/* ic_cause_counts over the cases this page lists (is_problem: expected failures hidden). */
static ic_cause_count *problem_causes(const ic_case_result *results, size_t n, size_t *nc)
{
    ic_cause_count *rows = malloc((n ? n : 1) * sizeof *rows);
    size_t i, j;

    *nc = 0;
    for (i = 0; rows != NULL && i < n; i++) {
        const char *c = problem_cause(&results[i]);
        if (!is_problem(&results[i])) {
            continue;
        }
        for (j = 0; j < *nc && strcmp(rows[j].cause, c) != 0; j++) {
        }
        if (j == *nc) {
            rows[j].cause = c;
            rows[j].cases = 0;
            rows[j].example = results[i].id;
            (*nc)++;
        }
        rows[j].cases++;
    }
    if (rows != NULL) {
        qsort(rows, *nc, sizeof *rows, cmp_count);
    }
    return rows;
}

/* The causes table: cause, cases, example case (most frequent first). */
static void write_causes(FILE *f, const ic_cause_count *cc, size_t nc)
{
    size_t k;

    fputs("<table class=\"causes\">\n<tr><th>cause</th><th>cases</th><th>example case</th>"
          "</tr>\n",
          f);
    for (k = 0; k < nc; k++) {
        fputs("<tr><td><code>", f);
        esc(f, cc[k].cause);
        fprintf(f, "</code></td><td>%zu</td><td><code>", cc[k].cases);
        esc(f, cc[k].example);
        fputs("</code></td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void write_failures(FILE *f, const ic_run_info *info, const ic_case_result *results,
                           size_t n)
{
    size_t i, k, total = 0, heats = 0, nc = 0;
    int any_heat = 0;
    ic_cause_count *cc;

    for (i = 0; i < n; i++) {
        if (is_problem(&results[i])) {
            any_heat |= has_heat(&results[i]);
            total++;
        }
    }
    fprintf(f, "<h2>Failures and errors (%zu)</h2>\n", total);
    if (total == 0) {
        fputs("<p class=\"note\">None.</p>\n", f);
        return;
    }
    write_kinds(f, results, n);
    cc = problem_causes(results, n, &nc);
    if (cc == NULL) {
        fputs("<p class=\"note\">(out of memory grouping the failures)</p>\n", f);
        return;
    }
    fputs("<h3>Causes</h3>\n", f);
    write_causes(f, cc, nc);
    fprintf(f,
            "<p class=\"note\">Grouped by cause, at most %d cases each; the JSON and JUnit "
            "reports list every case with its cause.</p>\n",
            GROUP_EXAMPLES);
    if (any_heat) {
        write_legend(f);
    }
    fprintf(f,
            "<table class=\"fails\">\n<thead><tr><th>verdict</th><th>case</th><th>kind</th>"
            "<th>message</th><th>metrics</th>%s</tr></thead>\n<tbody>\n",
            any_heat ? "<th>heat map</th>" : "");
    for (k = 0; k < nc; k++) {
        size_t shown = cc[k].cases < GROUP_EXAMPLES ? cc[k].cases : GROUP_EXAMPLES, done = 0;
        fprintf(f,
                "<tr class=\"group\" data-cases=\"%zu\" data-shown=\"%zu\"><th class=\"cause\" "
                "colspan=\"%d\">"
                "cause <code>",
                cc[k].cases, shown, any_heat ? 6 : 5);
        esc(f, cc[k].cause);
        fprintf(f, "</code>: %zu case%s", cc[k].cases, cc[k].cases == 1 ? "" : "s");
        if (shown < cc[k].cases) {
            fprintf(f,
                    " <span class=\"note\">(%zu shown, %zu more in the JSON/JUnit "
                    "reports)</span>",
                    shown, cc[k].cases - shown);
        }
        fputs("</th></tr>\n", f);
        for (i = 0; i < n && done < shown; i++) {
            if (is_problem(&results[i]) && strcmp(problem_cause(&results[i]), cc[k].cause) == 0) {
                write_failure_row(f, info, &results[i], any_heat, &heats);
                done++;
            }
        }
    }
    fputs("</tbody></table>\n", f);
    free(cc);
}

/** Writes the self-contained HTML report (see report.h); every string from the run is escaped. */
int ic_report_html_write(const char *path, const ic_run_info *info, const ic_case_result *results,
                         size_t n, char *msg, size_t msg_len)
{
    ic_summary s;
    ic_safe_file sf;
    FILE *f;
    int rc = 0, good;

    if (ic_safe_open(path, &sf, msg, msg_len) != 0) {
        return -1;
    }
    f = sf.f;
    ic_summarize(results, n, &s);
    good = ic_summary_unexpected(&s, info->expect_strict) == 0;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>interpcheck: ",
          f);
    esc(f, info->port_name != NULL ? info->port_name : "report");
    fputs("</title>\n", f);
    write_style(f);
    fputs("</head>\n<body>\n<h1>interpcheck report: ", f);
    esc(f, info->port_name != NULL ? info->port_name : "(unnamed port)");
    fputc(' ', f);
    esc(f, info->port_version);
    fprintf(f, "<span class=\"badge %s\">%s</span></h1>\n", good && !info->no_fork ? "ok" : "bad",
            info->no_fork ? "not isolated: verdicts not trusted"
            : !good       ? "failures or errors"
            : s.xfail > 0 ? "only expected failures"
                          : "every run case passes");
    if (info->no_fork) {
        fputs("<div class=\"banner\" id=\"not-isolated\">Not isolated: this run used "
              "--no-fork, so every case ran inside the harness process. The port could have "
              "changed the expected data or the scoring; no verdict below is trusted.</div>\n",
              f);
    } else if (info->no_sandbox) {
        fputs("<div class=\"banner warn\" id=\"no-sandbox\">Run with --no-sandbox: each case "
              "ran in its own process, but without the seccomp filter (the port could signal, "
              "fork, or write files).</div>\n",
              f);
    }
    ic_report__html_profile(f, info, &s, results, n);
    fputs("<div class=\"note\">Conformance to torch.nn.functional.interpolate, CPU "
          "semantics of ",
          f);
    esc(f, info->oracle_provenance != NULL ? info->oracle_provenance : "PyTorch");
    fputs(".</div>\n", f);
    write_summary(f, info, &s, results, n);
    if (write_matrix(f, results, n) != 0) {
        rc = -1;
        ic_set_msg(msg, msg_len, "%s: out of memory building the matrix", path);
    }
    write_info(f, info);
    write_failures(f, info, results, n);
    ic_report__html_expected(f, results, n);
    fputs("</body>\n</html>\n", f);
    if (ic_safe_commit(&sf, path, rc == 0, msg, msg_len) != 0) {
        rc = -1;
    }
    return rc;
}
