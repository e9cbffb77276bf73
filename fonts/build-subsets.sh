#!/usr/bin/env bash
# Rebuild paiban's bundled fonts from Debian's font packages.
#
#   bash fonts/build-subsets.sh        (from anywhere; writes into fonts/)
#
# The fonts are committed, so nobody has to run this to build paiban; it is
# here so the subsets can be checked and regenerated (new character set, new
# upstream version). With the same Debian package versions and the pinned
# fontTools, two runs give byte-identical files: see manifest.txt for the
# sha256 of each font and the versions it was built from.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${PYTHON:-python3}"
# Pinned: the subsetter's output bytes depend on the fontTools version.
FONTTOOLS_VERSION="4.68.0"
PACKAGES=(fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai unicode-data)

start=$(date +%s)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    echo "installing ${missing[*]}"
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! "$PYTHON" -c "import sys, fontTools; sys.exit(fontTools.version != '$FONTTOOLS_VERSION')" 2>/dev/null; then
    echo "installing fonttools==$FONTTOOLS_VERSION"
    pip_install=("$PYTHON" -m pip install --quiet --disable-pip-version-check "fonttools==$FONTTOOLS_VERSION")
    # A Debian system Python refuses pip installs (PEP 668); this is a build
    # tool on a build machine, so override that rather than need a venv.
    "${pip_install[@]}" 2>/dev/null || "${pip_install[@]}" --break-system-packages
fi

"$PYTHON" "$HERE/subset.py" --out "$HERE"

echo "done in $(( $(date +%s) - start )) s"
