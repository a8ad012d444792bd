# reference/module.mk - the C99 reference library (libicref.a / .so), its port
# ($(B)/ports/reference.so), the icref CLI, its Check unit tests and install rules.

ICREF_SRCS := reference/src/semantics.c reference/src/coords.c reference/src/validate.c \
              reference/src/nearest.c reference/src/linear.c reference/src/cubic.c \
              reference/src/antialias.c reference/src/separable_u8.c reference/src/area.c reference/src/half.c \
              reference/src/mean.c reference/src/rowcache.c reference/src/rowops.c \
              reference/src/interpolate.c
ICREF_OBJS := $(ICREF_SRCS:%.c=$(B)/%.o)
ICREF_TEST_SRCS := $(wildcard reference/tests/test_*.c) reference/tests/check_reference.c
ICREF_TEST_OBJS := $(ICREF_TEST_SRCS:%.c=$(B)/%.o)
ICREF_TOOL_OBJS := $(B)/reference/tools/icref.o $(B)/ports/reference/reference_port.o

EXTRA_CFLAGS_reference += -Ireference/src
# The torch whose semantics the plain entry points (icr_output_shape, icr_interpolate: NULL
# semantics) follow in this build: 113 or 214. The library's own default is the newest
# (214); the build pins the oracle the tests score the plain-entry ports against, so that
# every port that forwards to them (reference.so, the self-test mutants, faulty ports and
# honest variants) is scored against its own oracle.
# It follows SELFTEST_TORCH (ports/module.mk), the oracle the self-test ports are scored
# against; build/ports/reference.so is scored against REF_TORCH (harness/module.mk): keep the
# two equal. A stamp file holding the value rebuilds semantics.o when it changes.
ICREF_DEFAULT_TORCH ?= $(or $(subst .,,$(SELFTEST_TORCH)),214)
EXTRA_CFLAGS_reference += -DICR_DEFAULT_TORCH=$(ICREF_DEFAULT_TORCH)
ICREF_DEFAULT_STAMP := $(B)/reference/default-torch.stamp
$(ICREF_DEFAULT_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(ICREF_DEFAULT_TORCH)' | cmp -s - $@ || echo '$(ICREF_DEFAULT_TORCH)' > $@
$(B)/reference/src/semantics.o: $(ICREF_DEFAULT_STAMP)
.PHONY: FORCE
FORCE:
# The kernels' row loops (src/rowops.c) are written for the auto-vectoriser. GCC's -O2 only
# vectorises loops whose trip count is a known multiple of the vector width (cost model
# "very-cheap"), so GCC gets the ordinary cost model; clang vectorises at -O2 already and
# rejects the flag, hence the probe. Neither changes any element's arithmetic (no fast-math,
# no contraction); at -O0 the flags do nothing.
ICREF_VEC_FLAGS := $(shell $(CC) -ftree-vectorize -fvect-cost-model=dynamic -E -x c /dev/null \
                     >/dev/null 2>&1 && echo -ftree-vectorize -fvect-cost-model=dynamic)
$(ICREF_OBJS): EXTRA_CFLAGS_reference += $(ICREF_VEC_FLAGS)
$(ICREF_TEST_OBJS): EXTRA_CFLAGS_reference += $(CHECK_CFLAGS)
$(B)/reference/tools/icref.o: EXTRA_CFLAGS_reference += -D_POSIX_C_SOURCE=200809L

$(B)/libicref.a: $(ICREF_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(B)/libicref.so: $(ICREF_OBJS)
	@mkdir -p $(@D)
	$(CC) -shared $(IC_ALL_LDFLAGS) -Wl,-soname,libicref.so.1 $^ -o $@ -lm

$(B)/ports/reference.so: $(B)/ports/reference/reference_port.o $(ICREF_OBJS)
	@mkdir -p $(@D)
	$(CC) -shared $(IC_ALL_LDFLAGS) $^ -o $@ -lm

# One reference port per torch version (the port's semantics are fixed at compile time).
$(B)/ports/reference/reference_port_%.o: ports/reference/reference_port.c
	@mkdir -p $(@D)
	$(CC) $(IC_ALL_CFLAGS) $(EXTRA_CFLAGS_reference) -DICR_PORT_TORCH=$* -c $< -o $@

$(B)/ports/reference-1.13.so: $(B)/ports/reference/reference_port_113.o $(ICREF_OBJS)
	@mkdir -p $(@D)
	$(CC) -shared $(IC_ALL_LDFLAGS) $^ -o $@ -lm

$(B)/ports/reference-2.14.so: $(B)/ports/reference/reference_port_214.o $(ICREF_OBJS)
	@mkdir -p $(@D)
	$(CC) -shared $(IC_ALL_LDFLAGS) $^ -o $@ -lm

$(B)/icref: $(B)/reference/tools/icref.o $(B)/libicref.a
	@mkdir -p $(@D)
	$(CC) $(IC_ALL_LDFLAGS) $^ -o $@ -lm

$(B)/tests/test_reference: $(ICREF_TEST_OBJS) $(B)/libicref.a
	@mkdir -p $(@D)
	$(CC) $(IC_ALL_LDFLAGS) $^ -o $@ $(CHECK_LIBS) -lm

# icref.pc is written at install time, so it always names the PREFIX being installed to.
ICREF_PC_LINES = 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' \
    'includedir=$${prefix}/include/interpcheck' '' 'Name: icref' \
    'Description: C99 reference of torch.nn.functional.interpolate (PyTorch 1.13.1 and 2.14.1 CPU)' \
    'Version: 1.1.0' 'Libs: -L$${libdir} -licref' 'Libs.private: -lm' 'Cflags: -I$${includedir}'

ALL_TARGETS += $(B)/libicref.a $(B)/libicref.so $(B)/ports/reference.so $(B)/icref \
               $(B)/ports/reference-1.13.so $(B)/ports/reference-2.14.so
DEPS += $(ICREF_OBJS:.o=.d) $(ICREF_TEST_OBJS:.o=.d) $(ICREF_TOOL_OBJS:.o=.d)

.PHONY: reference-unit reference-crosscheck reference-crosscheck-2.14 reference-ports \
        install-reference uninstall-reference
## reference-unit: Check unit tests of the reference (coordinates, shapes, errors, values)
reference-unit: $(B)/tests/test_reference
	$(RUN_WRAP) $(B)/tests/test_reference
TEST_STEPS += reference-unit

## reference-crosscheck: random calls, reference vs torch 1.13.1 bit for bit (needs torch)
reference-crosscheck: $(B)/libicref.so
	ATEN_CPU_CAPABILITY=default $(TORCH_PYTHON) reference/tools/torch_crosscheck.py \
	    --lib $(B)/libicref.so --cases 2000 --torch 1.13

## reference-crosscheck-2.14: the same against torch 2.14.1 in its chroot (scripts/torch-oracle.sh)
reference-crosscheck-2.14: $(B)/libicref.so
	scripts/torch-oracle.sh 2.14 run env ATEN_CPU_CAPABILITY=default python3 \
	    reference/tools/torch_crosscheck.py --lib $(B)/libicref.so --cases 2000 --torch 2.14

## reference-ports: each version's reference port --strict against its own oracle's vectors
reference-ports: $(B)/ports/reference-1.13.so $(B)/ports/reference-2.14.so $(B)/interpcheck
	set -e; for v in 1.13 2.14; do \
	    $(RUN_WRAP) $(B)/interpcheck --port $(B)/ports/reference-$$v.so --vectors vectors \
	        --torch $$v --strict --jobs $(JOBS) --quiet; done
TEST_STEPS += reference-ports

install-reference: $(B)/libicref.a $(B)/libicref.so
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include/interpcheck
	install -m 644 $(B)/libicref.a $(DESTDIR)$(PREFIX)/lib/libicref.a
	install -m 755 $(B)/libicref.so $(DESTDIR)$(PREFIX)/lib/libicref.so.1
	ln -sf libicref.so.1 $(DESTDIR)$(PREFIX)/lib/libicref.so
	install -m 644 reference/include/icref.h harness/include/ic_port.h \
	    $(DESTDIR)$(PREFIX)/include/interpcheck/
	printf '%s\n' $(ICREF_PC_LINES) > $(DESTDIR)$(PREFIX)/lib/pkgconfig/icref.pc

uninstall-reference:
	rm -f $(DESTDIR)$(PREFIX)/lib/libicref.a $(DESTDIR)$(PREFIX)/lib/libicref.so \
	    $(DESTDIR)$(PREFIX)/lib/libicref.so.1 $(DESTDIR)$(PREFIX)/lib/pkgconfig/icref.pc \
	    $(DESTDIR)$(PREFIX)/include/interpcheck/icref.h \
	    $(DESTDIR)$(PREFIX)/include/interpcheck/ic_port.h

INSTALL_STEPS += install-reference
UNINSTALL_STEPS += uninstall-reference
