# ports/module.mk - the self-test ports (faulty, mutants, honest variants, replay, minimal
# example) and the `selftest` step that checks each one gets its expected verdict.
# The reference port (ports/reference/) is built by reference/module.mk.

PORTS_DIR := $(B)/ports
EXTRA_CFLAGS_ports := -Iports/common $(CJSON_CFLAGS) $(CRYPTO_CFLAGS)
PORTS_LINK = $(CC) -shared $(IC_ALL_LDFLAGS) -o $@
PORTS_WRAP_OBJ := $(B)/ports/common/icp_wrap.o
PORTS_REF_LIB := $(B)/libicref.a

# ---- faulty ports: each wraps the reference library and misbehaves one way ----------------
PORTS_FAULTY := $(patsubst ports/faulty/%.c,%,$(wildcard ports/faulty/*.c))
PORTS_FAULTY_SO := $(patsubst %,$(PORTS_DIR)/faulty-%.so,$(PORTS_FAULTY))
$(PORTS_FAULTY_SO): $(PORTS_DIR)/faulty-%.so: $(B)/ports/faulty/%.o $(PORTS_WRAP_OBJ) \
                    $(PORTS_REF_LIB)
	@mkdir -p $(@D)
	$(PORTS_LINK) $^ -lm

# ---- wrapper mutants: a defect in how the arguments reach the reference ------------------
PORTS_WRAP_MUTANTS := $(patsubst ports/mutants/%.c,%,$(wildcard ports/mutants/*.c))
PORTS_WRAP_MUTANTS_SO := $(patsubst %,$(PORTS_DIR)/mutant-%.so,$(PORTS_WRAP_MUTANTS))
$(PORTS_WRAP_MUTANTS_SO): $(PORTS_DIR)/mutant-%.so: $(B)/ports/mutants/%.o $(PORTS_WRAP_OBJ) \
                          $(PORTS_REF_LIB)
	@mkdir -p $(@D)
	$(PORTS_LINK) $^ -lm

# ---- patched copies of the reference: mutants (ports/mutants/*.patch) and honest variants
# (ports/variants/*.patch). Each patch is applied with `patch -p1` to a fresh copy of
# reference/src in $(B)/mutants/<name>/; a patch that no longer applies fails the build.
PORTS_REF_FILES := $(wildcard reference/src/*.c reference/src/*.h)
PORTS_PATCH_MUTANTS := $(patsubst ports/mutants/%.patch,%,$(wildcard ports/mutants/*.patch))
PORTS_VARIANTS := $(patsubst ports/variants/%.patch,%,$(wildcard ports/variants/*.patch))
PORTS_PATCH_MUTANTS_SO := $(patsubst %,$(PORTS_DIR)/mutant-%.so,$(PORTS_PATCH_MUTANTS))
PORTS_VARIANTS_SO := $(patsubst %,$(PORTS_DIR)/variant-%.so,$(PORTS_VARIANTS))
# No .d files here: the stamp depends on every reference source and header.
PORTS_PATCH_CFLAGS = $(filter-out -MMD -MP,$(IC_ALL_CFLAGS)) $(EXTRA_CFLAGS_reference) \
                     -Iports/common

$(B)/mutants/%/patched.stamp: $(PORTS_REF_FILES)
	@rm -rf $(@D) && mkdir -p $(@D)/reference/src
	@cp $(PORTS_REF_FILES) $(@D)/reference/src/
	@p=ports/mutants/$*.patch; [ -f $$p ] || p=ports/variants/$*.patch; \
	patch -p1 --batch --silent --fuzz=0 --no-backup-if-mismatch -d $(@D) -i $(CURDIR)/$$p || \
	{ echo "ports: $$p no longer applies to reference/src; regenerate it" >&2; exit 1; }
	@touch $@

$(foreach m,$(PORTS_PATCH_MUTANTS),\
    $(eval $(B)/mutants/$(m)/patched.stamp: ports/mutants/$(m).patch))
$(foreach m,$(PORTS_VARIANTS),\
    $(eval $(B)/mutants/$(m)/patched.stamp: ports/variants/$(m).patch))

# Only the sources the patch changed are recompiled (all of them when it changed a header);
# the others are the reference's own objects.
PORTS_PATCHED_LINK = set -e; d=$(B)/mutants/$*/reference/src; objs=; \
	hdr=0; for h in $$d/*.h; do cmp -s $$h reference/src/$${h\#\#*/} || hdr=1; done; \
	for c in $$d/*.c; do f=$${c\#\#*/}; \
	  if [ $$hdr = 0 ] && cmp -s $$c reference/src/$$f; then \
	    objs="$$objs $(B)/reference/src/$${f%.c}.o"; \
	  else \
	    echo "$(CC) ... -c $$c"; \
	    $(CC) $(PORTS_PATCH_CFLAGS) -I$$d -c $$c -o $${c%.c}.o; objs="$$objs $${c%.c}.o"; \
	  fi; \
	done; \
	$(CC) $(PORTS_PATCH_CFLAGS) -DICP_NAME='"$(1)-$*"' -c ports/common/forward.c \
	    -o $(B)/mutants/$*/forward.o; \
	$(CC) -shared $(IC_ALL_LDFLAGS) -o $@ $$objs $(B)/mutants/$*/forward.o -lm

$(PORTS_PATCH_MUTANTS_SO): $(PORTS_DIR)/mutant-%.so: $(B)/mutants/%/patched.stamp \
                           ports/common/forward.c ports/common/icp_wrap.h $(PORTS_REF_LIB)
	@mkdir -p $(@D)
	@$(call PORTS_PATCHED_LINK,mutant)

$(PORTS_VARIANTS_SO): $(PORTS_DIR)/variant-%.so: $(B)/mutants/%/patched.stamp \
                      ports/common/forward.c ports/common/icp_wrap.h $(PORTS_REF_LIB)
	@mkdir -p $(@D)
	@$(call PORTS_PATCHED_LINK,variant)

# Honest coordinate variants: torch 1.13's rules with float coordinates (as torch 2.x and most
# ports compute them; scored against the 1.13 oracle), and torch 2.14's rules with double
# coordinates (as 1.13 did; scored against the 2.14 oracle).
$(PORTS_DIR)/variant-opmath_float.so: $(PORTS_REF_FILES) $(ICREF_DEFAULT_STAMP) ports/common/forward.c \
                                      ports/common/icp_wrap.h
	@mkdir -p $(@D)
	$(CC) $(PORTS_PATCH_CFLAGS) -UICR_DEFAULT_TORCH -DICR_DEFAULT_TORCH=113 \
	    -DICR_OPMATH_FLOAT=1 -DICP_NAME='"variant-opmath_float"' \
	    $(filter %.c,$(PORTS_REF_FILES)) ports/common/forward.c $(IC_ALL_LDFLAGS) -shared \
	    -o $@ -lm

$(PORTS_DIR)/variant-double_coords.so: $(PORTS_REF_FILES) ports/common/forward.c \
                                       ports/common/icp_wrap.h
	@mkdir -p $(@D)
	$(CC) $(PORTS_PATCH_CFLAGS) -UICR_DEFAULT_TORCH -DICR_DEFAULT_TORCH=214 \
	    -DICR_DOUBLE_COORDS=1 -DICP_NAME='"variant-double_coords"' \
	    $(filter %.c,$(PORTS_REF_FILES)) ports/common/forward.c $(IC_ALL_LDFLAGS) -shared \
	    -o $@ -lm

# FMA contraction, as torch's AVX2/AVX512 dispatches compile their kernels: the reference
# built with -mfma -ffp-contract=fast (when this machine has FMA; else plain, and the row
# proves nothing but still runs).
PORTS_FMA_FLAGS := $(shell grep -qw fma /proc/cpuinfo 2>/dev/null && echo -mfma -ffp-contract=fast)
$(PORTS_DIR)/variant-fma_contract.so: $(PORTS_REF_FILES) $(ICREF_DEFAULT_STAMP) ports/common/forward.c \
                                      ports/common/icp_wrap.h
	@mkdir -p $(@D)
	$(CC) $(PORTS_PATCH_CFLAGS) $(PORTS_FMA_FLAGS) -DICP_NAME='"variant-fma_contract"' \
	    $(filter %.c,$(PORTS_REF_FILES)) ports/common/forward.c $(IC_ALL_LDFLAGS) -shared \
	    -o $@ -lm

# ---- replay (stored torch outputs) and the minimal example port --------------------------
$(PORTS_DIR)/replay.so: $(B)/ports/replay/replay_port.o
	@mkdir -p $(@D)
	$(PORTS_LINK) $^ $(CJSON_LIBS) $(CRYPTO_LIBS) -lm

$(PORTS_DIR)/minimal.so: $(B)/ports/examples/minimal/minimal_port.o
	@mkdir -p $(@D)
	$(PORTS_LINK) $^ -lm

# ---- the self-test driver and step --------------------------------------------------------
$(B)/ports/selftest/selftest: $(B)/ports/selftest/selftest.o
	$(CC) $(IC_ALL_LDFLAGS) -o $@ $^ $(CJSON_LIBS)

PORTS_ALL_SO := $(PORTS_FAULTY_SO) $(PORTS_WRAP_MUTANTS_SO) $(PORTS_PATCH_MUTANTS_SO) \
                $(PORTS_VARIANTS_SO) $(PORTS_DIR)/variant-opmath_float.so \
                $(PORTS_DIR)/variant-fma_contract.so $(PORTS_DIR)/variant-double_coords.so \
                $(PORTS_DIR)/replay.so $(PORTS_DIR)/minimal.so
PORTS_SELFTEST_TIMEOUT ?= 300
SELFTEST_ONLY ?=

.PHONY: selftest ports
## ports: every self-test port (faulty, mutants, variants, replay, minimal)
ports: $(PORTS_ALL_SO) $(B)/ports/selftest/selftest

# The torch version the reference-derived self-test ports (mutants, variants, faults) follow:
# their rows are scored against that oracle (rows with their own --torch override it).
SELFTEST_TORCH ?= 2.14

## selftest: every port of ports/selftest/expected.tsv gets its expected verdict
selftest: ports $(B)/interpcheck
	$(B)/ports/selftest/selftest --interpcheck $(B)/interpcheck --ports $(PORTS_DIR) \
	    --vectors vectors --table ports/selftest/expected.tsv --work $(B)/selftest \
	    --torch $(SELFTEST_TORCH) \
	    --jobs $(JOBS) --run-timeout $(PORTS_SELFTEST_TIMEOUT) --report reports/selftest.json \
	    $(if $(SELFTEST_ONLY),--only $(SELFTEST_ONLY))


TEST_STEPS += selftest
DEPS += $(patsubst %.c,$(B)/%.d,$(wildcard ports/common/*.c ports/faulty/*.c ports/mutants/*.c \
          ports/replay/*.c ports/examples/minimal/*.c ports/selftest/*.c))
