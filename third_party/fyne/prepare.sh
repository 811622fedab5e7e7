#!/usr/bin/env bash
# Makes bin/fyne-VERSION, Fyne as go.mod requires it with our patches
# applied, and bin/go.work, the workspace that builds the app against it.
# The Makefile sets GOWORK to that file for every go command it runs.
#
# Why: Fyne 2.7.1's word wrapping measures the rest of a paragraph for every
# row, so a multi-line entry with 20,000 characters took about a second a
# key (upstream fyne-io/fyne#5297, still open). wrap-5297.patch bounds each
# measurement to a line's worth; Fyne's own widget tests pass with it.
# wrap-trailing-space.patch: a space typed where a row wraps, at the end of
# the text, left the cursor with no row; it went back before the space, and
# the words typed next went in before it (the words joined, the space moved
# to the end). The patch gives the place after that space a row of its own.
# A new Fyne version fails here until the patches are checked against it.
set -euo pipefail
cd "$(dirname "$0")/../.."
GO=${GO:-go}
export GOWORK=off
version=$($GO list -m -f '{{.Version}}' fyne.io/fyne/v2)
# The file the patch was made against; another means the patch must be redone.
want_sha=d2408dd4d628669d56cd88481be59847faa4adabe43b8897f17ac23c32be735d
$GO mod download fyne.io/fyne/v2
src=$($GO list -m -f '{{.Dir}}' fyne.io/fyne/v2)
got_sha=$(sha256sum "$src/widget/richtext.go" | cut -d' ' -f1)
if [[ "$got_sha" != "$want_sha" ]]; then
  echo "third_party/fyne: fyne.io/fyne/v2 $version's widget/richtext.go is not the file wrap-5297.patch was made for; check the patch against it (upstream issue 5297) and update want_sha" >&2
  exit 1
fi
dest=bin/fyne-$version
rm -rf "$dest.tmp"
mkdir -p bin
cp -r "$src" "$dest.tmp"
chmod -R u+w "$dest.tmp"
patch --quiet -p1 -d "$dest.tmp" < third_party/fyne/wrap-5297.patch
patch --quiet -p1 -d "$dest.tmp" < third_party/fyne/wrap-trailing-space.patch
rm -rf "$dest"
mv "$dest.tmp" "$dest"
goversion=$(sed -n 's/^go \(.*\)/\1/p' go.mod)
cat > bin/go.work <<WORK
// Made by third_party/fyne/prepare.sh: the app against patched Fyne.
go $goversion

use ..

replace fyne.io/fyne/v2 $version => ./fyne-$version
WORK
echo "third_party/fyne: Fyne $version patched in $dest"
