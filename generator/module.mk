# generator/module.mk: regenerate (vectors) and byte-verify (vectors-verify) the golden set.
# Needs both oracles: Debian's python3-torch 1.13.1 under $(TORCH_PYTHON) and torch 2.14.1 in
# the chroot scripts/torch-oracle.sh builds (both installed on first use: root, network to
# Debian's registry, about 10 minutes and 2 GB the first time). Not part of `make test`.

GEN_SCRIPT := generator/gen_vectors.py
GEN_VECTORS_DIR := vectors
# Installs (idempotently) what the oracles need, or stops with one clear line.
GEN_NEED_TORCH = @scripts/torch-oracle.sh 1.13 setup >/dev/null && \
    scripts/torch-oracle.sh 2.14 setup | grep -v '^torch-oracle: 2.14 ready' || true; \
    $(TORCH_PYTHON) -c 'import torch, numpy' >/dev/null 2>&1 || { \
    echo "vectors: $(TORCH_PYTHON) cannot import torch and numpy; install Debian's" \
         "python3-torch (1.13.1) or set TORCH_PYTHON=/path/to/python" >&2; exit 2; }; \
    scripts/torch-oracle.sh 2.14 check || { \
    echo "vectors: torch 2.14 is not ready: run scripts/torch-oracle.sh 2.14 setup" >&2; exit 2; }

.PHONY: vectors vectors-verify oracles
## oracles: install torch 1.13.1 (Debian 12) and build the torch 2.14.1 chroot (idempotent)
oracles:
	scripts/torch-oracle.sh 1.13 setup
	scripts/torch-oracle.sh 2.14 setup

vectors:
	$(GEN_NEED_TORCH)
	$(TORCH_PYTHON) $(GEN_SCRIPT) --python $(TORCH_PYTHON) --out $(GEN_VECTORS_DIR)

vectors-verify:
	$(GEN_NEED_TORCH)
	@TORCH_PYTHON='$(TORCH_PYTHON)' generator/verify_vectors.sh $(GEN_VECTORS_DIR)
