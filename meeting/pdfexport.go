package meeting

import (
	"crypto/sha256"
	"encoding/hex"
)

// PDFExportDetail is the audit log's detail for minutes exported as a PDF:
// which copy, and the SHA-256 of the file's bytes, so that 'verify' can
// tell the exact file a partner holds from one changed since (never the
// file's name, which may name a child).
func PDFExportDetail(initials bool, doc []byte) string {
	copy := "minutes"
	if initials {
		copy = "minutes, distribution copy (initials)"
	}
	return copy + "; " + PDFDigestPrefix + PDFDigest(doc)
}

// PDFDigestPrefix introduces the file's digest in PDFExportDetail.
const PDFDigestPrefix = "file sha256 "

// PDFDigest is the hex SHA-256 of a PDF's bytes.
func PDFDigest(doc []byte) string {
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:])
}
