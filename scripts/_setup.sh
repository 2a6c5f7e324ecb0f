# Shared set-up, sourced by scripts/run and scripts/test: system libraries Qt needs, then a venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

need_apt=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libEGL.so.1 || need_apt+=(libegl1)
have_lib libGL.so.1 || need_apt+=(libgl1)
have_lib libxkbcommon.so.0 || need_apt+=(libxkbcommon0)
have_lib libxkbcommon-x11.so.0 || need_apt+=(libxkbcommon-x11-0)
have_lib libfontconfig.so.1 || need_apt+=(libfontconfig1)
have_lib libglib-2.0.so.0 || need_apt+=(libglib2.0-0)
have_lib libdbus-1.so.3 || need_apt+=(libdbus-1-3)
# The xcb platform (a real window, Xvfb for screenshots): each library on its own, a machine may have some.
for pair in libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1 \
    libxcb-image.so.0:libxcb-image0 libxcb-render-util.so.0:libxcb-render-util0 libxcb-shape.so.0:libxcb-shape0 \
    libxcb-xinerama.so.0:libxcb-xinerama0 libxcb-randr.so.0:libxcb-randr0 libxcb-xkb.so.1:libxcb-xkb1; do
    have_lib "${pair%%:*}" || need_apt+=("${pair##*:}")
done
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
command -v Xvfb >/dev/null || need_apt+=(xvfb)
# A real window in the tests: a window manager to give it the focus, xdotool to type into it; the screen-reader
# test (tests/a11y) also needs a D-Bus session with the accessibility bus and Orca's AT-SPI library for the system
# Python.
command -v xdotool >/dev/null || need_apt+=(xdotool)
command -v dbus-run-session >/dev/null || need_apt+=(dbus)
[ -x /usr/libexec/at-spi-bus-launcher ] || need_apt+=(at-spi2-core)
command -v openbox >/dev/null || need_apt+=(openbox)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import pyatspi" 2>/dev/null || need_apt+=(python3-pyatspi)
# The tests trace which files a process creates (SQLite's temp files are unlinked at once; the PDF reader must
# write none).
command -v strace >/dev/null || need_apt+=(strace)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installation des bibliothèques système : ${need_apt[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "Bibliothèques système manquantes : ${need_apt[*]} (installez-les avec votre gestionnaire de paquets)" >&2
    fi
fi

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
fi
stamp="$VENV/.installed-$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q -e "$ROOT[dev]"
    touch "$stamp"
fi
