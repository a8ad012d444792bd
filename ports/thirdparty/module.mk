# ports/thirdparty/module.mk - `make scoreboard`: builds each third-party adapter against its
# Debian package (scripts/install-deps.sh --thirdparty), scores it over the vectors into
# reports/scoreboard/<lib>.{json,html}, and writes SCOREBOARD.md and the expectations files
# ports/thirdparty/expect/<lib>.txt with ports/thirdparty/scoreboard.py.

TP_DIR := $(B)/thirdparty
CXX ?= c++
TP_FLAGS := -O2 -g -fPIC -shared -Wall -Wextra -Wno-unused-parameter -Iharness/include \
            -Iports/thirdparty
TP_DEPS := ports/thirdparty/tp_common.h harness/include/ic_port.h
TP_OPENCV_CFLAGS = $(shell $(PKG_CONFIG) --cflags opencv4 2>/dev/null || \
                     echo -I/usr/include/opencv4)
# The libraries' own threads stay off: each case runs in a forked child on a shared machine.
# oneDNN's JIT kernels follow the CPU: pinned to AVX2 so SCOREBOARD.md's bit-exact counts do not
# depend on the machine (measured: native AVX-512 and AVX2 give identical reports; SSE4.1 gives
# the same verdicts with 16 more bit-exact oneDNN cases). OpenCV's dispatch changed nothing
# from AVX-512 down to SSE3 (measured with OPENCV_CPU_DISABLE), so it is left alone.
TP_ENV := OMP_NUM_THREADS=1 ONEDNN_MAX_CPU_ISA=AVX2
SCOREBOARD_LIBS := opencv_resize opencv_dnn_resize onednn_resampling xnnpack_resize_bilinear \
                   darknet_upsample cimg_resize

$(TP_DIR)/opencv_resize.so: ports/thirdparty/opencv_resize.cc $(TP_DEPS)
	@mkdir -p $(@D)
	$(CXX) -std=c++11 $(TP_FLAGS) $(TP_OPENCV_CFLAGS) $< -o $@ -lopencv_imgproc -lopencv_core

$(TP_DIR)/opencv_dnn_resize.so: ports/thirdparty/opencv_dnn_resize.cc $(TP_DEPS)
	@mkdir -p $(@D)
	$(CXX) -std=c++11 $(TP_FLAGS) $(TP_OPENCV_CFLAGS) $< -o $@ -lopencv_dnn -lopencv_core

$(TP_DIR)/onednn_resampling.so: ports/thirdparty/onednn_resampling.c $(TP_DEPS)
	@mkdir -p $(@D)
	$(CC) -std=c99 $(TP_FLAGS) $< -o $@ -ldnnl -lm

$(TP_DIR)/xnnpack_resize_bilinear.so: ports/thirdparty/xnnpack_resize_bilinear.c $(TP_DEPS)
	@mkdir -p $(@D)
	$(CC) -std=c99 $(TP_FLAGS) $< -o $@ -lXNNPACK -lm

# Debian installs darknet's library and header under /usr/lib/darknet.
$(TP_DIR)/darknet_upsample.so: ports/thirdparty/darknet_upsample.c $(TP_DEPS)
	@mkdir -p $(@D)
	$(CC) -std=c99 $(TP_FLAGS) -I/usr/lib/darknet/include $< -o $@ -L/usr/lib/darknet \
	    -Wl,-rpath,/usr/lib/darknet -ldarknet -lm

# CImg is one header (about 15 s to compile); cimg_display=0 is set in the adapter (no X11).
$(TP_DIR)/cimg_resize.so: ports/thirdparty/cimg_resize.cc $(TP_DEPS)
	@mkdir -p $(@D)
	$(CXX) -std=c++11 $(TP_FLAGS) $< -o $@ -lpthread

.PHONY: scoreboard scoreboard-ports
## scoreboard-ports: build the third-party adapters (needs scripts/install-deps.sh --thirdparty)
scoreboard-ports: $(patsubst %,$(TP_DIR)/%.so,$(SCOREBOARD_LIBS))

## scoreboard: score each third-party adapter against each oracle of the vectors (default
##   first), write SCOREBOARD.md, its README table and ports/thirdparty/expect/
SCOREBOARD_ORACLES ?= 2.14 1.13
# Per-library interpcheck options. libdarknet.so sets flush-to-zero / denormals-are-zero when it
# is loaded (built -Ofast: crtfastmath.o), which interpcheck refuses unless told to score the
# port in that mode: the scoreboard reports what that does to subnormals (group "ftz").
TP_ARGS_darknet_upsample := --allow-fp-env
scoreboard: $(B)/interpcheck scoreboard-ports
	@set -e; for o in $(SCOREBOARD_ORACLES); do mkdir -p reports/scoreboard/$$o; \
	for lib in $(SCOREBOARD_LIBS); do \
	    printf 'torch %-5s %-26s ' "$$o" "$$lib"; \
	    rm -f reports/scoreboard/$$o/$$lib.json reports/scoreboard/$$o/$$lib.html; \
	    rc=0; $(TP_ENV) $(B)/interpcheck --port $(TP_DIR)/$$lib.so --vectors vectors \
	        --torch $$o $$(case $$lib in darknet_upsample) echo '$(TP_ARGS_darknet_upsample)';; esac) \
	        --jobs $(JOBS) --quiet --json reports/scoreboard/$$o/$$lib.json \
	        --html reports/scoreboard/$$o/$$lib.html > $(TP_DIR)/$$lib.$$o.log 2>&1 || rc=$$?; \
	    head -1 $(TP_DIR)/$$lib.$$o.log; \
	    test $$rc -le 1 || { echo "scoreboard: $$lib could not be scored (exit $$rc)" >&2; \
	        exit 1; }; \
	done; done
	python3 ports/thirdparty/scoreboard.py --libraries ports/thirdparty/libraries.json \
	    --vectors vectors $(foreach o,$(SCOREBOARD_ORACLES),--oracle $(o)=reports/scoreboard/$(o)) \
	    --out SCOREBOARD.md --expect-dir ports/thirdparty/expect --readme README.md --strict
## scoreboard-check: each adapter against the default oracle with its committed expectations
##   (--expect --expect-strict): fails on a new difference or on one that went away
.PHONY: scoreboard-check
scoreboard-check: $(B)/interpcheck scoreboard-ports
	@set -e; fails=0; for lib in $(SCOREBOARD_LIBS); do \
	    printf '%-26s ' "$$lib"; \
	    $(TP_ENV) $(B)/interpcheck --port $(TP_DIR)/$$lib.so --vectors vectors \
	        $$(case $$lib in darknet_upsample) echo '$(TP_ARGS_darknet_upsample)';; esac) \
	        --torch $(firstword $(SCOREBOARD_ORACLES)) --jobs $(JOBS) --quiet \
	        --expect ports/thirdparty/expect/$$lib.txt --expect-strict > $(TP_DIR)/$$lib.check \
	        || fails=$$((fails + 1)); \
	    grep -m1 'passed,' $(TP_DIR)/$$lib.check || tail -1 $(TP_DIR)/$$lib.check; \
	done; test $$fails = 0 || { echo "scoreboard-check: $$fails libraries changed behaviour" \
	    "(see above; make scoreboard rewrites the expectations)" >&2; exit 1; }

CLEAN_DIRS += reports/scoreboard

.PHONY: scoreboard-unit
## scoreboard-unit: unit tests of the scoreboard generator (Python standard library only)
scoreboard-unit:
	python3 ports/thirdparty/test_scoreboard.py -q
TEST_STEPS += scoreboard-unit
