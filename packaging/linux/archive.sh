#!/usr/bin/env bash
# Makes the Linux release archive (make linux, make release):
#   packaging/linux/archive.sh BINARY VERSION OUT.tar.xz
# It holds one folder, strategyminutes-VERSION-linux-amd64/, with
#   install.sh, Makefile, README.txt     per-user or system-wide install
#   usr/bin/strategyminutes
#   usr/share/applications/strategyminutes.desktop
#   usr/share/icons/hicolor/<n>x<n>/apps/strategyminutes.png
# The same inputs give the same bytes: files are sorted, owned by root, dated
# SOURCE_DATE_EPOCH (default: the last commit, else 0).
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: $0 BINARY VERSION OUT.tar.xz" >&2; exit 2; }
bin=$1 version=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
top=strategyminutes-$version-linux-amd64

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir=$stage/$top
install -Dm755 "$bin" "$dir/usr/bin/strategyminutes"
install -Dm644 "$here/strategyminutes.desktop" "$dir/usr/share/applications/strategyminutes.desktop"
(cd "$root" && ${GO:-go} run ./packaging/internal/pkgtool icons -out "$dir/usr/share/icons/hicolor")
install -m755 "$here/install.sh" "$dir/install.sh"
install -m644 "$here/Makefile" "$dir/Makefile"
sed "s/@VERSION@/$version/" "$here/README.txt" >"$dir/README.txt"
find "$dir" -type d -exec chmod 755 {} +
find "$dir" -type f -name '*.png' -exec chmod 644 {} +

epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}
mkdir -p "$(dirname "$out")"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  --format=gnu -C "$stage" -cf - "$top" | xz -9 --threads=1 >"$out.tmp"
mv "$out.tmp" "$out"
