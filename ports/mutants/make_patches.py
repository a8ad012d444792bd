"""make_patches.py - regenerates ports/mutants/*.patch and ports/variants/*.patch.

Maintainer tool, not part of the build (the build only applies the committed patches). Each
mutant is a list of exact (file, old text, new text) edits to reference/src, or for the
double_acc variant a line rule; run it from anywhere after the reference changed so that a
patch no longer applies, fix the edit whose old text moved, and commit the new patches:

    python3 ports/mutants/make_patches.py [name ...]
"""
import os, re, shutil, subprocess, sys, tempfile
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
M = {}
def mut(name, *edits, variant=False):
    M[name] = (edits, variant)

mut('half_pixel_dropped', ('coords.c',
    '        r = scale * ((double)dst_index + 0.5) - 0.5;\n',
    '        r = scale * (double)dst_index; /* MUTANT: half-pixel offset dropped */\n'),
    ('coords.c',
    '        r = ICR_R(1, ICR_R(1, scale * ICR_R(1, (double)dst_index + 0.5)) - 0.5);\n',
    '        r = ICR_R(1, scale * ICR_R(1, (double)dst_index)); /* MUTANT: no half-pixel */\n'))
mut('linear_negative_unclamped', ('coords.c',
    '    return (!cubic && r < 0.0) ? 0.0 : r;\n',
    '    (void)cubic;\n    return r; /* MUTANT: negative source coordinate not clamped to 0 */\n'))
mut('nearest_round', ('coords.c',
    '    return clamp_last((int64_t)floorf((float)r), in);\n}\n\n/**\n * Generic-kernel nearest index for bfloat16',
    '    return clamp_last((int64_t)roundf((float)r), in); /* MUTANT: round, not floor */\n}\n\n/**\n * Generic-kernel nearest index for bfloat16'),
    ('coords.c',
    '    return clamp_last((int64_t)floorf((float)i * s), in);\n',
    '    return clamp_last((int64_t)roundf((float)i * s), in); /* MUTANT: round, not floor */\n'))
mut('nearest_integer_index', ('coords.c',
    '    int f32 = !f64_scale;\n    double s = icr_area_pixel_compute_scale(in, out, 0, has_scale, scale, f32);\n    double r = icr_area_pixel_compute_source_index(s, i, 1, 0, f32);\n',
    '    int f32 = !f64_scale;\n    if (!has_scale) {\n        return clamp_last(i * in / out, in); /* MUTANT: exact integer index */\n    }\n    double s = icr_area_pixel_compute_scale(in, out, 0, has_scale, scale, f32);\n    double r = icr_area_pixel_compute_source_index(s, i, 1, 0, f32);\n'))
mut('cl_nearest_shortcuts_missing', ('coords.c',
    '    float s;\n\n    if (out == in) {\n        return i;\n    }\n    if (out == 2 * in) {\n        return i >> 1;\n    }\n    s = (float)',
    '    float s;\n\n    /* MUTANT: no out == in / out == 2*in shortcuts in the channels-last kernel */\n    s = (float)'))
mut('nchw_nearest_shortcuts', ('coords.c',
    '    int f32 = !f64_scale;\n    double s = icr_area_pixel_compute_scale(in, out, 0, has_scale, scale, f32);\n    double r = icr_area_pixel_compute_source_index(s, i, 1, 0, f32);\n',
    '    int f32 = !f64_scale;\n    if (out == in) {\n        return i; /* MUTANT: channels-last shortcuts applied to NCHW (#62237) */\n    }\n    if (out == 2 * in) {\n        return i >> 1;\n    }\n    double s = icr_area_pixel_compute_scale(in, out, 0, has_scale, scale, f32);\n    double r = icr_area_pixel_compute_source_index(s, i, 1, 0, f32);\n'))
mut('linear_same_size_identity_missing', ('coords.c',
    '    if (out == in && ru->same_size != ICR_SAME_SIZE_COMPUTED) {\n        *i0 = i;\n        *i1 = i;\n        *l0 = 1.0;\n        *l1 = 0.0;\n        return;\n    }\n    r = rule_source_index(',
    '    /* MUTANT: no out == in identity */\n    r = rule_source_index('))
mut('bicubic_a_half', ('cubic.c',
    '        icr_cubic_coefficients_a(t, g->f32, call->rules->cubic_a, &ax->c[4 * i]);\n',
    '        /* MUTANT: PIL\'s A instead of torch\'s -0.75 */\n        icr_cubic_coefficients_a(t, g->f32, -0.5, &ax->c[4 * i]);\n'))
mut('area_floor_end', ('coords.c',
    '    return 1 + ((o + 1) * in - 1) / out;\n',
    '    return ((o + 1) * in) / out; /* MUTANT: window ends at floor, not ceil */\n'))
mut('out1_pixel0_61166', ('coords.c',
    '        return 0.0;\n    }\n    return icr_compute_scales_value(in, out, has_scale, scale, f32);\n',
    '        return 0.0;\n    }\n    if (out <= 1) {\n        return 0.0; /* MUTANT: #61166, out=1 forced to scale 0 (pixel 0) */\n    }\n    return icr_compute_scales_value(in, out, has_scale, scale, f32);\n'))
mut('bicubic_taps_zero_pad', ('cubic.c',
    '            idx = idx < in - 1 ? idx : in - 1;\n            idx = idx > 0 ? idx : 0;\n',
    '            if (idx < 0 || idx > in - 1) {\n                ax->c[4 * i + j] = 0.0; /* MUTANT: zero padding, not edge replicate */\n            }\n            idx = idx < in - 1 ? idx : in - 1;\n            idx = idx > 0 ? idx : 0;\n'))
mut('aa_weights_not_normalised', ('antialias.c',
    '            if (total != 0.0 && !call->rules->aa_unnormalised) { /* what-if: not divided */\n                wt[j] = ICR_R(f32, wt[j] / total);\n            }\n',
    '            (void)total; /* MUTANT: weights not renormalised */\n'))
mut('aa_cubic_a075', ('antialias.c',
    '                cubic ? filter_cubic(x, f32, call->rules->aa_cubic_scalar, call->rules->aa_cubic_a)\n',
    '                /* MUTANT: torch\'s non-AA A in the PIL filter */\n                cubic ? filter_cubic(x, f32, call->rules->aa_cubic_scalar, -0.75)\n'))
mut('trilinear_depth_uses_height_weights', ('linear.c',
    '                    icr_row_lerp(f32, dst, mid + (size_t)((t[0] * hout + b) * wout) * es,\n                                 ax[0].lam[2 * a], mid + (size_t)((t[1] * hout + b) * wout) * es,\n                                 ax[0].lam[2 * a + 1], wout);\n',
    '                    /* MUTANT: the depth level weighted with the height lambdas */\n                    icr_row_lerp(f32, dst, mid + (size_t)((t[0] * hout + b) * wout) * es,\n                                 H->lam[2 * b], mid + (size_t)((t[1] * hout + b) * wout) * es,\n                                 H->lam[2 * b + 1], wout);\n'))

mut('area_mean_sequential', ('interpolate.c',
    '        } else if (all_ones) {\n            /* adaptive_avg_pool{1,2,3}d: an all-ones output is input.mean(spatial dims) */\n',
    '        } else if (all_ones && 0) {\n            /* MUTANT: all-ones area output summed sequentially, not by torch\'s mean() */\n'))

# Honest variant: pixel arithmetic accumulated in double, rounded once when stored. The row
# loops (rowops_body.h) get a double accumulator type ICR_A: accumulators are declared ICR_A
# and each product's left operand is cast to it, so a float32 row's taps are summed in double
# and rounded when the row element is stored. Rules, not exact text, so that they survive
# refactors. (area_sums' equal-width path accumulates in the row itself, in the scalar type.)
ACC_LINE = r'^\s*(double\s+)?(acc(\[w\])?|sum|y|a)\s*=\s*ICR_R\(f32,( |$)|^\s*return ICR_R\(f32, ICR_R\(f32, t0 \* w0\)'
ROW_RULES = [
    (r'\bICR_T (acc|a0|sum)\b', r'ICR_A \1'),
    (r'(?<![\w)\[])(\w+\[(?:[^\[\]]|\[[^\[\]]*\])*\]) \* ', r'(ICR_A)\1 * '),
]
mut('double_acc',
    ('icr_internal.h', '#define ICR_R(f32, x) ((f32) ? (double)(float)(x) : (double)(x))\n',
     '#define ICR_R(f32, x) ((f32) ? (double)(float)(x) : (double)(x))\n\n'
     '/** VARIANT double_acc: pixel arithmetic kept in double (rounded once, when stored). */\n'
     '#define ICR_ACC(f32, x) ((void)(f32), (double)(x))\n'),
    ('rowops.c', '#define ICR_T float\n', '#define ICR_T float\n#define ICR_A double /* VARIANT double_acc */\n'),
    ('rowops.c', '#define ICR_T double\n', '#define ICR_T double\n#define ICR_A double\n'),
    ('rowops_body.h', 'RULES', ROW_RULES),
    ('linear.c', 'LINES', ACC_LINE), ('cubic.c', 'LINES', ACC_LINE),
    ('antialias.c', 'LINES', ACC_LINE), ('area.c', 'LINES', ACC_LINE),
    variant=True)

mut('lerp_form',
    ('rowops_body.h', '        dst[i] = a[i] * l0 + b[i] * l1;\n',
     '        dst[i] = a[i] + l1 * (b[i] - a[i]); /* VARIANT lerp_form */\n        (void)l0;\n'),
    ('rowops_body.h', '        dst[i] = src[off[2 * i]] * wt[2 * i] + src[off[2 * i + 1]] * wt[2 * i + 1];\n',
     '        dst[i] = src[off[2 * i]] +\n                 wt[2 * i + 1] * (src[off[2 * i + 1]] - src[off[2 * i]]); /* VARIANT */\n'),
    variant=True)

only = sys.argv[1:]
for name, (edits, variant) in M.items():
    if only and name not in only:
        continue
    work = os.path.join(tempfile.gettempdir(), 'ic-make-patches', name)
    shutil.rmtree(work, ignore_errors=True)
    for side in 'ab':
        shutil.copytree(REPO + '/reference/src', work + '/' + side + '/reference/src')
    failed = False
    line_hits = None
    for f, old, new in edits:
        p = work + '/b/reference/src/' + f
        s = open(p).read()
        if old == 'RULES':
            out_lines = []
            for l in s.splitlines(True):
                if not l.lstrip().startswith(('/*', '*')):  # code lines only, not comments
                    for pat, rep in new:
                        l = re.sub(pat, rep, l)
                out_lines.append(l)
            t = ''.join(out_lines)
            print('  ', name, f, sum(a != b for a, b in zip(s.splitlines(), t.splitlines())),
                  'lines rewritten')
            if t == s:
                failed = True
            s = t
        elif old == 'LINES':
            lines = s.splitlines(True)
            hits = 0
            for i, l in enumerate(lines):
                if re.search(new, l):
                    lines[i] = l.replace('ICR_R(', 'ICR_ACC(')
                    hits += 1
                    # clang-format may break the statement after "ICR_R(f32,": the
                    # continuation line is part of the same accumulation
                    if l.rstrip().endswith('(f32,') and i + 1 < len(lines):
                        lines[i + 1] = lines[i + 1].replace('ICR_R(', 'ICR_ACC(')
            print('  ', name, f, hits, 'accumulation lines')
            line_hits = (line_hits or 0) + hits
            s = ''.join(lines)
        else:
            n = s.count(old)
            if n != 1:
                print('EDIT FAILED', name, f, n)
                failed = True
                continue
            s = s.replace(old, new)
        open(p, 'w').write(s)
    if line_hits == 0:
        print('EDIT FAILED', name, 'no accumulation line matched')
        failed = True
    if failed:
        continue
    out = REPO + ('/ports/variants/' if variant else '/ports/mutants/') + name + '.patch'
    os.makedirs(os.path.dirname(out), exist_ok=True)
    d = subprocess.run(['diff', '-ruN', 'a', 'b'], cwd=work, capture_output=True, text=True).stdout
    lines = [re.sub(r'\t.*$', '', l) if l.startswith(('--- ', '+++ ')) else l
             for l in d.splitlines(True) if not l.startswith('diff ')]
    hdr = '%s %s: generated by ports/mutants/make_patches.py from reference/src; do not edit.\n' % (
        'variant' if variant else 'mutant', name)
    open(out, 'w').write(hdr + ''.join(lines))
    print('wrote', out)
