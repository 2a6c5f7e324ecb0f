#!/usr/bin/env sh
# Installe cmc-desktop pour l'utilisateur courant, sans droits d'administrateur, depuis l'archive .tar.gz :
#   ./install-user.sh            installe (ou met à jour) dans ~/.local
#   ./install-user.sh --remove   désinstalle le programme (vos données chiffrées ne sont jamais touchées)
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
APP_DIR="$HOME/.local/opt/cmc-desktop"
BIN="$HOME/.local/bin/cmc-desktop"
DESKTOP="$DATA_HOME/applications/cmc-desktop.desktop"
ICON="$DATA_HOME/icons/hicolor/scalable/apps/cmc-desktop.svg"

if [ "${1:-}" = "--remove" ]; then
    rm -rf "$APP_DIR"
    rm -f "$BIN" "$DESKTOP" "$ICON"
    echo "cmc-desktop a été désinstallé. Vos données chiffrées restent dans $DATA_HOME/cmc-desktop."
    exit 0
fi

mkdir -p "$(dirname "$APP_DIR")" "$(dirname "$BIN")" "$(dirname "$DESKTOP")" "$(dirname "$ICON")"
# Copy beside the old version, then swap: an interrupted update leaves the previous one working.
rm -rf "$APP_DIR.new"
cp -R "$HERE/cmc-desktop" "$APP_DIR.new"
rm -rf "$APP_DIR"
mv "$APP_DIR.new" "$APP_DIR"
printf '#!/usr/bin/env sh\nexec "%s/cmc-desktop" "$@"\n' "$APP_DIR" > "$BIN"
chmod 755 "$BIN"
cp "$HERE/cmc-desktop.svg" "$ICON"
sed "s|^Exec=.*|Exec=$BIN|" "$HERE/cmc-desktop.desktop" > "$DESKTOP"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA_HOME/applications" || true
echo "cmc-desktop est installé : menu des applications, ou la commande $BIN"
