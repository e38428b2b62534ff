#!/bin/sh
# Puts 政务失信问题整改台账 into the desktop's application menu (UOS, Kylin, GNOME, KDE)
# for this user only, pointing at the program in this folder: run it once after
# unpacking, and again after moving the folder.  No administrator rights are needed;
# the ledger itself lives in ~/.local/share/govcredit-desktop and is not touched.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
# Exec may not hold a bare space; a quoted path may (Desktop Entry Specification).
# sed's replacement text treats & | and \ specially: a folder name may hold them.
quoted=$(printf '%s' "$here" | sed 's/[&|\\]/\\&/g')
sed -e "s|@EXEC@|\"$quoted/govcredit-desktop\"|" -e "s|@ICON@|$quoted/govcredit-desktop.png|" \
    "$here/govcredit-desktop.desktop" > "$apps/govcredit-desktop.desktop"
chmod 644 "$apps/govcredit-desktop.desktop"
desktop_dir=$(xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/Desktop")
if [ -d "$desktop_dir" ]; then
    cp "$apps/govcredit-desktop.desktop" "$desktop_dir/govcredit-desktop.desktop"
    chmod 755 "$desktop_dir/govcredit-desktop.desktop"
fi
echo "已添加到应用程序菜单：$apps/govcredit-desktop.desktop"
