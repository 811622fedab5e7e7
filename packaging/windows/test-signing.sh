#!/usr/bin/env bash
# Checks the signing step with a throwaway self-signed certificate (make
# test runs it on the Windows build): signs a copy of EXE through sign.sh
# and verifies the signature with osslsigncode against that certificate.
#   packaging/windows/test-signing.sh EXE
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 EXE" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -subj "/CN=Strategy Minutes test signing (throwaway)" \
  -addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=codeSigning" \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
SIGN_CERT=$tmp/cert.pem SIGN_KEY=$tmp/key.pem "$here/sign.sh" "$1" "$tmp/signed.exe" >/dev/null
if ! osslsigncode verify -CAfile "$tmp/cert.pem" -in "$tmp/signed.exe" >"$tmp/verify.txt" 2>&1 ||
  ! grep -q "Signature verification: ok" "$tmp/verify.txt"; then
  cat "$tmp/verify.txt" >&2
  echo "test-signing: the signed executable does not verify" >&2
  exit 1
fi
# A changed byte must break the signature.
cp "$tmp/signed.exe" "$tmp/tampered.exe"
printf 'X' | dd of="$tmp/tampered.exe" bs=1 seek=4096 conv=notrunc status=none
if osslsigncode verify -CAfile "$tmp/cert.pem" -in "$tmp/tampered.exe" >/dev/null 2>&1; then
  echo "test-signing: a tampered executable still verifies" >&2
  exit 1
fi
echo "test-signing: signed with a throwaway certificate, verified, and a tampered copy refused"
