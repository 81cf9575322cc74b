#!/usr/bin/env bash
# Programs linked with -ldpop against a cargo output directory (target/debug, target/release) ask
# at run time for the library's SONAME (libdpop.so.0, set by build.rs on Linux), but cargo writes
# only libdpop.so. This makes DIR/<SONAME> a link to libdpop.so in each DIR given, as `make
# install` does in PREFIX/lib. A library without a SONAME (not built for Linux) needs nothing.
#
#   scripts/link-soname.sh DIR...
set -euo pipefail
for dir in "$@"; do
    soname=$(readelf -d "$dir/libdpop.so" | sed -n 's/.*Library soname: \[\(.*\)\]$/\1/p')
    if [ -n "$soname" ]; then
        ln -sfn libdpop.so "$dir/$soname"
    fi
done
