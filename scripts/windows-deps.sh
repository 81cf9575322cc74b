#!/usr/bin/env bash
# Installs what the Windows build and tests need, where it is missing: the mingw-w64 cross
# compilers and Wine (Debian packages, as root or with sudo) and the Rust targets (rustup).
# Debian's 32-bit Wine (wine32:i386, needed to run the 32-bit DLL) is tried once per checkout:
# it needs the i386 architecture, which is removed again when its packages cannot be installed,
# so a failed attempt leaves apt as it was. scripts/windows-test.sh says what that leaves untested.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
apt_install() { $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }

need=()
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v i686-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-i686)
command -v wine >/dev/null && [ -e /usr/lib/wine/wine64 ] || need+=(wine wine64)
if [ ${#need[@]} -gt 0 ]; then
    echo "windows-deps: apt-get install ${need[*]}"
    $sudo apt-get update -qq
    apt_install "${need[@]}"
fi

targets=$(rustup target list --installed)
for target in x86_64-pc-windows-gnu i686-pc-windows-gnu; do
    grep -qx "$target" <<<"$targets" || rustup target add "$target"
done

tried=build/windows/.wine32-tried
if ! dpkg -s wine32:i386 >/dev/null 2>&1 && [ ! -e "$tried" ]; then
    mkdir -p build/windows && touch "$tried"
    echo "windows-deps: trying Debian's 32-bit Wine (wine32:i386)"
    added_i386=no
    dpkg --print-foreign-architectures | grep -qx i386 || { $sudo dpkg --add-architecture i386; added_i386=yes; }
    # A failed index download (a mirror in mid-sync) leaves i386 versions that cannot match the
    # installed amd64 ones; the simulated install finds that before anything is installed.
    if $sudo apt-get update -qq 2>/dev/null && $sudo apt-get install -s -qq --no-install-recommends wine32:i386 >/dev/null 2>&1; then
        apt_install wine32:i386 || echo "windows-deps: installing wine32:i386 failed; the 32-bit DLL is built and checked, not run"
    else
        echo "windows-deps: wine32:i386 cannot be installed here (apt-get cannot resolve it); the 32-bit DLL is built and checked, not run"
        if [ "$added_i386" = yes ]; then
            $sudo dpkg --remove-architecture i386
            $sudo apt-get update -qq || true
        fi
    fi
fi
