// Package fonts holds the typeface Kintrace's PDFs embed: Noto Sans, which
// covers Latin, Greek and Cyrillic (Ukrainian letters included), licensed
// under the SIL Open Font License 1.1 (OFL.txt). The case files of package
// report and the letters of package letter both use it; fpdf embeds only
// the glyphs a document uses.
package fonts

import _ "embed"

// Family is the name documents give the font.
const Family = "NotoSans"

var (
	// Regular is Noto Sans Regular (TrueType).
	//
	//go:embed NotoSans-Regular.ttf
	Regular []byte
	// Bold is Noto Sans Bold (TrueType).
	//
	//go:embed NotoSans-Bold.ttf
	Bold []byte
)
