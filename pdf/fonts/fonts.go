// Package fonts holds the fonts the PDF embeds beyond Noto Sans (which Fyne
// already bundles for Latin, Greek and Cyrillic): Noto Sans for Arabic,
// Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati and Tamil, and a subset of
// Noto Sans CJK SC for Chinese. build.py made them from Debian's Noto
// packages (see README.md); they are under the SIL Open Font License
// (OFL.txt).
package fonts

import _ "embed"

// Each script's faces. A script with no italic uses its regular face; Chinese
// has no bold either (the PDF strokes the regular outlines).
var (
	//go:embed NotoSansArabic-Regular.ttf
	ArabicRegular []byte
	//go:embed NotoSansArabic-Bold.ttf
	ArabicBold []byte
	//go:embed NotoSansHebrew-Regular.ttf
	HebrewRegular []byte
	//go:embed NotoSansHebrew-Bold.ttf
	HebrewBold []byte
	//go:embed NotoSansDevanagari-Regular.ttf
	DevanagariRegular []byte
	//go:embed NotoSansDevanagari-Bold.ttf
	DevanagariBold []byte
	//go:embed NotoSansBengali-Regular.ttf
	BengaliRegular []byte
	//go:embed NotoSansBengali-Bold.ttf
	BengaliBold []byte
	//go:embed NotoSansGurmukhi-Regular.ttf
	GurmukhiRegular []byte
	//go:embed NotoSansGurmukhi-Bold.ttf
	GurmukhiBold []byte
	//go:embed NotoSansGujarati-Regular.ttf
	GujaratiRegular []byte
	//go:embed NotoSansGujarati-Bold.ttf
	GujaratiBold []byte
	//go:embed NotoSansTamil-Regular.ttf
	TamilRegular []byte
	//go:embed NotoSansTamil-Bold.ttf
	TamilBold []byte
	//go:embed NotoSansCJKsc-Regular.ttf
	CJKRegular []byte
)
