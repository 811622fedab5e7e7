#!/bin/sh
# Installs Strategy Minutes from the folder this script is in: the program,
# its menu entry (strategyminutes.desktop) and its icons.
#
#   ./install.sh --user               for you only, in ~/.local (no root needed)
#   sudo ./install.sh                 for every user, in /usr/local
#   sudo PREFIX=/opt/sm ./install.sh  elsewhere
#   ./install.sh --user --uninstall   or   sudo ./install.sh --uninstall
#
# DESTDIR=/some/root is put before every path, for building a package.
# The Makefile beside it does the same: make user-install, sudo make install.
set -eu

usage() {
  sed -n '2,11s/^# \{0,1\}//p' "$0"
}

mode=system
action=install
for arg in "$@"; do
  case $arg in
    --user) mode=user ;;
    --system) mode=system ;;
    --uninstall) action=uninstall ;;
    -h | --help) usage; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; usage >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "$0")" && pwd)
name=strategyminutes
if [ "$mode" = user ]; then
  bindir=${HOME:?}/.local/bin
  datadir=${XDG_DATA_HOME:-$HOME/.local/share}
else
  prefix=${PREFIX:-/usr/local}
  bindir=$prefix/bin
  datadir=$prefix/share
fi
dest=${DESTDIR:-}
appsdir=$datadir/applications
icondir=$datadir/icons/hicolor
sizes=$(cd "$here/usr/share/icons/hicolor" && ls -d ./*x* | sed 's|^\./||')

refresh() {
  # Tell the desktop about the new menu entry and icons, where it can be told.
  if [ -z "$dest" ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$appsdir" 2>/dev/null || true
    touch "$icondir" 2>/dev/null || true
    # Only refresh an icon cache that is there: a new one would go stale
    # when other programs add icons without refreshing it.
    if [ -f "$icondir/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
      gtk-update-icon-cache -q -t "$icondir" 2>/dev/null || true
    fi
  fi
}

if [ "$action" = uninstall ]; then
  rm -f "$dest$bindir/$name" "$dest$appsdir/$name.desktop"
  for size in $sizes; do
    rm -f "$dest$icondir/$size/apps/$name.png"
  done
  refresh
  echo "Strategy Minutes removed from $bindir. The meetings database (~/.config/strategyminutes/) is left in place."
  exit 0
fi

mkdir -p "$dest$bindir" "$dest$appsdir"
cp "$here/usr/bin/$name" "$dest$bindir/$name.new"
chmod 755 "$dest$bindir/$name.new"
mv -f "$dest$bindir/$name.new" "$dest$bindir/$name" # replace a running copy safely

# The menu entry starts the installed program by its full path: ~/.local/bin
# is not on every desktop session's PATH.
desktop_quote() { # prints $1 as one argument of a desktop file's Exec key
  case $1 in
    *[!A-Za-z0-9/._+-]*)
      printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')" ;;
    *) printf '%s' "$1" ;;
  esac
}
exec_line="Exec=$(desktop_quote "$bindir/$name")"
while IFS= read -r line; do
  case $line in
    Exec=*) printf '%s\n' "$exec_line" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$here/usr/share/applications/$name.desktop" >"$dest$appsdir/$name.desktop"
chmod 644 "$dest$appsdir/$name.desktop"

for size in $sizes; do
  mkdir -p "$dest$icondir/$size/apps"
  cp "$here/usr/share/icons/hicolor/$size/apps/$name.png" "$dest$icondir/$size/apps/$name.png"
  chmod 644 "$dest$icondir/$size/apps/$name.png"
done
refresh

echo "Strategy Minutes installed: $bindir/$name, with its menu entry in $appsdir."
if [ "$mode" = user ]; then
  case :$PATH: in
    *:"$bindir":*) ;;
    *) echo "To run it from a terminal by name, add $bindir to PATH." ;;
  esac
fi
