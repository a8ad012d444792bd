# bench/module.mk - `make bench`: the C reference against torch 1.13 and 2.14 (own dispatch and
# ATEN_CPU_CAPABILITY=default, one thread; 2.14 in its chroot, skipped when not set up), the
# reference in each version's semantics, bit-exactness per workload, and harness throughput.
# Prints a table and writes reports/bench.json. Not part of `make test`; asserts no timing.

BENCH_REPEATS ?= 7

$(B)/bench/bench_ref: $(B)/bench/bench_ref.o $(B)/libicref.a
	@mkdir -p $(@D)
	$(CC) $(IC_ALL_LDFLAGS) $^ -o $@ -lm

.PHONY: bench
## bench: reference vs torch timings and bit-exactness, harness throughput -> reports/bench.json
bench: $(B)/bench/bench_ref $(B)/interpcheck $(B)/ports/reference.so
	@mkdir -p $(B)/bench/work reports
	$(TORCH_PYTHON) bench/bench_torch.py --ref-bin $(B)/bench/bench_ref \
	    --workloads bench/workloads.txt --dir $(B)/bench/work --repeats $(BENCH_REPEATS) \
	    --interpcheck $(B)/interpcheck --port $(B)/ports/reference.so --vectors vectors \
	    --json reports/bench.json

DEPS += $(B)/bench/bench_ref.d
