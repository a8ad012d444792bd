# harness/install.mk - the installed suite: the vectors under $(PREFIX)/share/interpcheck,
# interpcheck.pc (pkg-config --cflags interpcheck gives ic_port.h's directory), the example
# port and the CI examples; and `installed-test`, which uses only what `make install` put in
# a DESTDIR staging tree, from a scratch directory outside the checkout.
# Included by harness/module.mk. ic_port.h itself is installed by reference/module.mk.

IC_DATADIR = $(PREFIX)/share/interpcheck
IC_VECTOR_FILES := $(wildcard vectors/*.json vectors/*.md)

# interpcheck.pc is written at install time, so it names the PREFIX being installed to.
# interpcheck finds the vectors at BINDIR/../share/interpcheck/vectors by itself; the
# vectorsdir variable is for scripts (pkg-config --variable=vectorsdir interpcheck).
IC_PC_LINES = 'prefix=$(PREFIX)' 'exec_prefix=$${prefix}' 'bindir=$${exec_prefix}/bin' \
    'includedir=$${prefix}/include' 'datarootdir=$${prefix}/share' \
    'vectorsdir=$${datarootdir}/interpcheck/vectors' '' 'Name: interpcheck' \
    'Description: conformance suite for torch.nn.functional.interpolate (port ABI ic_port.h)' \
    'Version: 1.0.0' 'Cflags: -I$${includedir}/interpcheck'

.PHONY: install-suite uninstall-suite installed-test
install-suite:
	install -d $(DESTDIR)$(IC_DATADIR)/vectors/blobs $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(IC_DATADIR)/examples/minimal $(DESTDIR)$(IC_DATADIR)/ci
	install -m 644 $(IC_VECTOR_FILES) $(DESTDIR)$(IC_DATADIR)/vectors/
	find vectors/blobs -maxdepth 1 -type f -name '*.bin' -print0 | \
	    xargs -0 -r install -m 644 -t $(DESTDIR)$(IC_DATADIR)/vectors/blobs/
	install -m 644 ports/examples/minimal/minimal_port.c $(DESTDIR)$(IC_DATADIR)/examples/minimal/
	install -m 644 $(wildcard docs/ci/*) $(DESTDIR)$(IC_DATADIR)/ci/
	printf '%s\n' $(IC_PC_LINES) > $(DESTDIR)$(PREFIX)/lib/pkgconfig/interpcheck.pc

uninstall-suite:
	rm -rf $(DESTDIR)$(IC_DATADIR)
	rm -f $(DESTDIR)$(PREFIX)/lib/pkgconfig/interpcheck.pc

INSTALL_STEPS += install-suite
UNINSTALL_STEPS += uninstall-suite

## installed-test: make install into a temp DESTDIR, then from a scratch directory outside the
##   checkout: a port with known differences is green with its expectations, red (and named by
##   diff) with one more break, XPASS when one is fixed
installed-test: all
	scripts/installed-test.sh "$(MAKE)"

TEST_STEPS += installed-test
