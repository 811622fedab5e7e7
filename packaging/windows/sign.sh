#!/usr/bin/env bash
# Signs a Windows executable with Authenticode (make release does, when
# SIGN_CERT and SIGN_KEY are set):
#   SIGN_CERT=cert.pem SIGN_KEY=key.pem packaging/windows/sign.sh IN.exe OUT.exe
# SIGN_CERT  the code-signing certificate and its chain (PEM, or DER/SPC)
# SIGN_KEY   its private key (PEM or DER); if it is encrypted, SIGN_PASS_FILE
#            names a file holding the passphrase (never put it on the command line)
# SIGN_TIMESTAMP  optionally an RFC 3161 time-stamping URL, so the signature
#            stays valid after the certificate expires (needs the network)
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 IN.exe OUT.exe" >&2; exit 2; }
: "${SIGN_CERT:?SIGN_CERT: the certificate file}" "${SIGN_KEY:?SIGN_KEY: the private key file}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
args=(sign -certs "$SIGN_CERT" -key "$SIGN_KEY" -h sha256
  -n "Strategy Minutes" -i "$(sed -n 's/^ *Website *= *"\(.*\)"/\1/p' "$root/FyneApp.toml")")
[[ -n ${SIGN_PASS_FILE:-} ]] && args+=(-readpass "$SIGN_PASS_FILE")
[[ -n ${SIGN_TIMESTAMP:-} ]] && args+=(-ts "$SIGN_TIMESTAMP")
rm -f "$2.tmp"
osslsigncode "${args[@]}" -in "$1" -out "$2.tmp" >/dev/null
mv "$2.tmp" "$2"
echo "signed $2 with $(openssl x509 -noout -subject -in "$SIGN_CERT" 2>/dev/null || echo "$SIGN_CERT")"
