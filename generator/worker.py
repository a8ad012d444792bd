"""interpcheck vector worker: runs every case of a catalogue through torch under one dispatch.

Started by gen_vectors.py as a subprocess, one per ATen CPU capability, because the capability
is fixed when torch is imported (ATEN_CPU_CAPABILITY must be set before `import torch`).

    worker.py CAPABILITY IN.pickle OUT.pickle

IN.pickle holds a list of case dicts (see catalogue.py) with a numpy `array` per case.
OUT.pickle receives {"info": {...}, "results": {id: result}} where a result is either
{"error": (class_name, first_message_line)} or
{"out": bytes, "out_shape": [...], "out_dtype": str, "in_strides": [...], "in_blob": bytes,
 "alt": bytes|None (input converted to the other memory format), "f64": bytes|None}.
"""

import os
import pickle
import sys

# What torch.__config__.show() reports per ATEN_CPU_CAPABILITY (1.13 says "NO AVX" for the
# default dispatch, 2.x says "DEFAULT").
CAPABILITY_REPORTED = {"default": ("NO AVX", "DEFAULT"), "avx2": ("AVX2",),
                       "avx512": ("AVX512",)}


def _start(capability):
    """Import torch under the requested dispatch and check that torch honoured it."""
    os.environ["ATEN_CPU_CAPABILITY"] = capability
    os.environ["OMP_NUM_THREADS"] = "1"
    try:
        import numpy
        import torch
    except ImportError as e:
        raise SystemExit("worker: %s cannot import torch/numpy (%s); run with Debian's "
                         "/usr/bin/python3 and python3-torch" % (sys.executable, e))

    torch.set_num_threads(1)
    shown = torch.__config__.show()
    reported = [r for r in CAPABILITY_REPORTED[capability]
                if "CPU capability usage: %s\n" % r in shown + "\n"]
    if not reported:
        raise SystemExit("worker: torch did not take ATEN_CPU_CAPABILITY=%s (no '%s' in "
                         "torch.__config__.show())" % (capability,
                                                       CAPABILITY_REPORTED[capability]))
    try:
        import subprocess
        pkg = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                             capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pkg = "unknown"
    info = {
        "torch_version": torch.__version__,
        "torch_package": pkg,
        "numpy_version": numpy.__version__,
        "python_version": "%d.%d.%d" % sys.version_info[:3],
        "aten_cpu_capability": capability,
        "threads": torch.get_num_threads(),
        "cpu_capability_reported": reported[0],
    }
    return torch, info


def _scale_arg(value):
    """Manifest scale_factor (number, list, or 'nan'/'inf'/'-inf' strings) -> Python value."""
    if value is None:
        return None
    if isinstance(value, list):
        return tuple(_scale_arg(v) for v in value)
    if isinstance(value, str):
        return float(value)
    return value


def _size_arg(value):
    if isinstance(value, list):
        return tuple(value)
    return value


def _storage_bytes(torch, t):
    """Bytes from element offset 0 to the largest offset (FORMAT.md input.blob)."""
    if t.numel() == 0:
        return b""
    assert t.storage_offset() == 0
    assert all(s >= 0 for s in t.stride())
    span = 1 + sum((n - 1) * s for n, s in zip(t.shape, t.stride()))
    flat = t.as_strided((span,), (1,))
    return _raw(torch, flat)


def _raw(torch, t):
    """Little-endian bytes of a tensor (numpy has no bfloat16: its bits go as int16)."""
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    return t.numpy().tobytes()


def _other_layout(torch, t):
    """The same values in the other memory format (4-D/5-D only), or None."""
    if t.dim() == 4:
        cl = torch.channels_last
    elif t.dim() == 5:
        cl = torch.channels_last_3d
    else:
        return None
    # A channels-last-built input goes to contiguous; contiguous and sliced (strided) inputs,
    # which both take 1.13's generic kernels, go to channels-last.
    if t.is_contiguous(memory_format=cl) and not t.is_contiguous():
        return t.contiguous()
    return t.contiguous(memory_format=cl)


def _build_input(torch, case):
    arr = case["array"]
    t = torch.from_numpy(arr.copy())
    if case["dtype"] == "bfloat16":
        t = t.to(torch.bfloat16)
    layout = case["layout"]
    if layout == "channels_last":
        cl = torch.channels_last if t.dim() == 4 else torch.channels_last_3d
        t = t.contiguous(memory_format=cl)
    elif layout == "strided":
        # Built as a slice: the case's array is the parent, the input takes every other
        # element along one axis (the last unless the case names another: N or C), storage
        # offset 0.
        axis = case.get("slice_axis")
        if axis is None:
            t = t[..., ::2]
        else:
            index = [slice(None)] * t.dim()
            index[axis] = slice(None, None, 2)
            t = t[tuple(index)]
    return t


def _call(torch, x, case):
    import torch.nn.functional as F

    kwargs = {
        "size": _size_arg(case["size"]),
        "scale_factor": _scale_arg(case["scale_factor"]),
        "mode": case["mode"],
        "align_corners": case["align_corners"],
        "recompute_scale_factor": case["recompute_scale_factor"],
        "antialias": case["antialias"],
    }
    return F.interpolate(x, **kwargs)


def _out_bytes(y):
    import torch

    return _raw(torch, y.contiguous())


def run_case(torch, case, want_f64):
    x = _build_input(torch, case)
    result = {"in_strides": list(x.stride()), "in_blob": _storage_bytes(torch, x),
              "in_shape": list(x.shape)}
    try:
        y = _call(torch, x, case)
    except Exception as e:  # noqa: BLE001 - every class is recorded, then checked
        msg = str(e).splitlines()[0] if str(e) else ""
        result["error"] = (type(e).__name__, msg)
        return result
    result["out"] = _out_bytes(y)
    result["out_shape"] = list(y.shape)
    result["out_dtype"] = str(y.dtype).replace("torch.", "")
    other = _other_layout(torch, x)
    result["alt"] = None
    if other is not None:
        result["alt"] = _out_bytes(_call(torch, other, case))
    result["f64"] = None
    if want_f64 and x.dtype in (torch.float32, torch.float16, torch.bfloat16):
        result["f64"] = _out_bytes(_call(torch, x.double(), case))
    return result


def main(argv):
    if len(argv) != 4:
        raise SystemExit("usage: worker.py CAPABILITY IN.pickle OUT.pickle")
    capability, in_path, out_path = argv[1], argv[2], argv[3]
    torch, info = _start(capability)
    with open(in_path, "rb") as f:
        cases = pickle.load(f)
    results = {}
    for case in cases:
        results[case["id"]] = run_case(torch, case, want_f64=(capability == "default"))
    with open(out_path, "wb") as f:
        pickle.dump({"info": info, "results": results}, f, protocol=4)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
