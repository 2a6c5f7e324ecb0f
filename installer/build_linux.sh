#!/usr/bin/env bash
# Builds the Linux bundle of cmc-desktop: the PyInstaller one-folder, then
#   dist/cmc-desktop-VERSION-linux-ARCH.tar.gz   (bundle + .desktop + icon + install-user.sh, no root needed)
#   dist/cmc-desktop_VERSION_ARCH.deb            (/opt/cmc-desktop, /usr/bin/cmc-desktop, menu entry, icons)
# Usage: installer/build_linux.sh [--no-deb]. Uses $VENV (default .venv), installing the `package` extra if needed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
cd "$ROOT"

"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q -e "$ROOT[package]"
VERSION="$("$PY" -c 'import cmc_desktop; print(cmc_desktop.__version__)')"
ARCH="$(dpkg --print-architecture 2>/dev/null || uname -m)"
BUNDLE="$ROOT/dist/cmc-desktop"

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$ROOT/dist" \
    --workpath "$ROOT/build/pyinstaller" "$ROOT/installer/cmc-desktop.spec"
echo "Bundle : $BUNDLE ($(du -sh "$BUNDLE" | cut -f1), construit en $(( $(date +%s) - start )) s)"

# --- .tar.gz: the bundle and what install-user.sh needs beside it ---
STAGE="$ROOT/build/linux/cmc-desktop-$VERSION"
rm -rf "$ROOT/build/linux" && mkdir -p "$STAGE"
cp -a "$BUNDLE" "$STAGE/cmc-desktop"
cp installer/linux/cmc-desktop.desktop resources/icons/cmc-desktop.svg "$STAGE/"
install -m 755 installer/linux/install-user.sh "$STAGE/install-user.sh"
TARBALL="$ROOT/dist/cmc-desktop-$VERSION-linux-$ARCH.tar.gz"
tar -C "$ROOT/build/linux" --owner=0 --group=0 -czf "$TARBALL" "cmc-desktop-$VERSION"
echo "Archive : $TARBALL ($(du -h "$TARBALL" | cut -f1))"

[ "${1:-}" = "--no-deb" ] && exit 0
command -v dpkg-deb >/dev/null || { echo "dpkg-deb absent : pas de paquet .deb" >&2; exit 0; }

# --- .deb ---
PKG="$ROOT/build/deb/cmc-desktop_${VERSION}_$ARCH"
rm -rf "$ROOT/build/deb" && mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/share/doc/cmc-desktop"
cp -a "$BUNDLE" "$PKG/opt/cmc-desktop"
# A wrapper rather than a symlink: the bundle finds its _internal/ next to the real executable either way.
printf '#!/bin/sh\nexec /opt/cmc-desktop/cmc-desktop "$@"\n' > "$PKG/usr/bin/cmc-desktop"
chmod 755 "$PKG/usr/bin/cmc-desktop"
install -m 644 installer/linux/cmc-desktop.desktop "$PKG/usr/share/applications/"
install -D -m 644 resources/icons/cmc-desktop.svg "$PKG/usr/share/icons/hicolor/scalable/apps/cmc-desktop.svg"
for size in 48 128 256; do
    install -D -m 644 "installer/icons/cmc-desktop-$size.png" \
        "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/cmc-desktop.png"
done
cat > "$PKG/usr/share/doc/cmc-desktop/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: cmc-desktop

Files: *
License: EUPL-1.2

Files: opt/cmc-desktop/_internal/resources/fonts/*
License: DejaVu Fonts License / SIL Open Font License 1.1 (Liberation), see the LICENSE-*.txt files there

Files: opt/cmc-desktop/_internal/PySide6/*
License: LGPL-3.0-only (Qt for Python)
EOF
SIZE_KB="$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)"
cat > "$PKG/DEBIAN/control" <<EOF
Package: cmc-desktop
Version: $VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Installed-Size: $SIZE_KB
Maintainer: cmc-desktop <cmc-desktop@invalid>
Depends: libc6 (>= 2.28), libegl1, libgl1, libfontconfig1, libdbus-1-3, libxkbcommon0, libxkbcommon-x11-0,
 libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-shape0,
 libxcb-xinerama0, libxcb-randr0, libxcb-xkb1
Recommends: gnome-keyring | kwalletmanager
Description: poste de travail chiffré du conseiller mobilité-carrière
 Dossiers des agents accompagnés, entretiens E2/E3, promotions BPP et document
 de synthèse (Annexe 2), dans un magasin local chiffré (SQLCipher).
EOF
DEB="$ROOT/dist/cmc-desktop_${VERSION}_$ARCH.deb"
dpkg-deb --root-owner-group -Zxz -z6 --build "$PKG" "$DEB" >/dev/null
echo "Paquet : $DEB ($(du -h "$DEB" | cut -f1))"
