# The two quick-start commands: `make demo` (the seed flow end to end against local real servers)
# and `make test` (every test). Both install what they need first.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test deps rust-test c-test py-test bindings-test hardening-test install bench soak \
        windows-build windows-test dist-windows wheel-test

# `make install [PREFIX=/usr/local] [DESTDIR=...] [PROFILE=release]`: header, libraries, dpop.pc.
# The shared library is installed as distributions do: libdpop.so.VERSION, the link
# libdpop.so.MAJOR (its SONAME, which programs ask for at run time) and the link libdpop.so (for
# linking with -ldpop).
PREFIX ?= /usr/local
PROFILE ?= release
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
MAJOR := $(firstword $(subst ., ,$(VERSION)))

deps: tests/server/node_modules/.installed $(VENV)/.installed

tests/server/node_modules/.installed: tests/server/package-lock.json
	npm ci --prefix tests/server --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.installed: tests/python/requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r tests/python/requirements.txt
	touch $@

demo: tests/server/node_modules/.installed
	cargo build --release
	scripts/demo.sh

test: deps rust-test c-test py-test bindings-test hardening-test windows-test wheel-test

rust-test:
	cargo test --all-targets

c-test:
	cargo build
	scripts/c-tests.sh
	scripts/abi-abuse.sh

bindings-test:
	cargo build
	scripts/bindings-check.sh

# Memory errors and leaks (valgrind), C threads under ThreadSanitizer, time-bounded fuzzing.
hardening-test:
	cargo build
	scripts/valgrind-c.sh
	scripts/tsan.sh
	scripts/fuzz.sh 30

# The performance table of the README (not part of `make test`: figures, not pass/fail).
bench:
	scripts/bench.sh

# 16 threads for 10 minutes with 30 s tokens and rotating nonces (not part of `make test`).
soak:
	scripts/soak.sh

# dpop.dll (x86_64, and i686 when its toolchain installs) with mingw-w64; tested under Wine; the kit.
windows-build:
	scripts/windows-deps.sh
	scripts/windows-build.sh

# (The test servers come from `make deps`, run by `make test`.)
windows-test: windows-build dist-windows
	scripts/windows-test.sh

# build/dist/libdpop-VERSION-windows.zip (contents listed in the README).
dist-windows: windows-build
	python3 scripts/dist_windows.py

# The libdpop wheel (library inside), installed into a fresh venv, runs the seed flow.
wheel-test:
	scripts/wheel-test.sh

py-test: $(VENV)/.installed
	cargo build
	DPOP_LIBRARY=$(CURDIR)/target/debug/libdpop.so $(PY) -m pytest -q tests/python

install:
	cargo build $(if $(filter release,$(PROFILE)),--release,)
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 include/dpop.h include/C_Ck*.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 target/$(PROFILE)/libdpop.so $(DESTDIR)$(PREFIX)/lib/libdpop.so.$(VERSION)
	ln -sfn libdpop.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libdpop.so.$(MAJOR)
	ln -sfn libdpop.so.$(MAJOR) $(DESTDIR)$(PREFIX)/lib/libdpop.so
	install -m 644 target/$(PROFILE)/libdpop.a $(DESTDIR)$(PREFIX)/lib/libdpop.a
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' bindings/c/dpop.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/dpop.pc
