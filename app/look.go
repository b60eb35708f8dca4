package app

import "embed"

// The look of the app (contrast, QR codes, file dialogs, narrow windows)
// keeps its messages in translations/look.

//go:embed translations/look/*.json
var lookTranslations embed.FS

func init() { registerTranslations(lookTranslations, "translations/look") }
