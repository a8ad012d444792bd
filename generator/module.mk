# generator/module.mk: regenerate (vectors) and byte-verify (vectors-verify) the golden set.
# Needs Debian's python3-torch 1.13.1 under $(TORCH_PYTHON); not part of `make test`.

GEN_SCRIPT := generator/gen_vectors.py
GEN_VECTORS_DIR := vectors
# One clear line, non-zero exit, when the interpreter has no torch.
GEN_NEED_TORCH = @$(TORCH_PYTHON) -c 'import torch, numpy' >/dev/null 2>&1 || { \
    echo "vectors: $(TORCH_PYTHON) cannot import torch and numpy; install Debian's" \
         "python3-torch (1.13.1) or set TORCH_PYTHON=/path/to/python" >&2; exit 2; }

.PHONY: vectors vectors-verify
vectors:
	$(GEN_NEED_TORCH)
	$(TORCH_PYTHON) $(GEN_SCRIPT) --python $(TORCH_PYTHON) --out $(GEN_VECTORS_DIR)

vectors-verify:
	$(GEN_NEED_TORCH)
	@TORCH_PYTHON='$(TORCH_PYTHON)' generator/verify_vectors.sh $(GEN_VECTORS_DIR)
