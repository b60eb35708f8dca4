package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"kintrace/cases"
)

// The window's features, in the order the user sees them: this file is the
// one place that lists them, so no order depends on file names or init
// order.

// actions is the main window's "More" menu.
var actions = []Action{
	{Label: "bundle.action.export", Icon: themeIcon(theme.IconNameUpload), Run: func(h Host) { showExport(h) }},
	{Label: "bundle.action.import", Icon: themeIcon(theme.IconNameDownload), Run: func(h Host) { chooseImport(h) }},
	{Label: "sheet.action", Icon: themeIcon(theme.IconNameDocument), Run: func(h Host) { chooseSheetImport(h) }},
	{Label: "listmatch.action", Icon: themeIcon(theme.IconNameSearch), Run: func(h Host) { showListMatch(h) }},
	{Label: "bundle.action.contacts", Icon: themeIcon(theme.IconNameAccount), Run: func(h Host) { showContacts(h) }},
	{Label: "exchange.action", Icon: themeIcon(theme.IconNameMailSend), Run: func(h Host) { showExchange(h) }},
	{Label: "patterns.dupes.action", Icon: themeIcon(theme.IconNameContentCopy), Run: func(h Host) { showDupesView(h) }},
	{Label: "patterns.overview.action", Icon: themeIcon(theme.IconNameGrid), Run: func(h Host) { showOverview(h, time.Now()) }},
	reportAction(docCaseFile),
	reportAction(docSummary),
	{Label: "letter.action", Icon: themeIcon(theme.IconNameMailCompose), Run: draftLetterAction},
	reportAction(docCaseList),
	reportAction(docStatistics),
	reportAction(docPFIF),
	{Label: "report.action.pfif_import", Icon: themeIcon(theme.IconNameDownload), Run: func(h Host) { choosePFIFImport(h) }},
	{Label: "patterns.shared.action", Icon: themeIcon(theme.IconNameList), Run: func(h Host) { showSharedView(h) }},
}

// reportAction is the Export menu's entry for a document kind.
func reportAction(k docKind) Action {
	return Action{Label: "report.action." + string(k), Icon: k.icon(), Run: func(h Host) { showReportForm(h, k) }}
}

// caseTabs are the case editor's tabs after its own.
var caseTabs = []CaseTab{
	{Label: "attach.tab", Build: func(h Host, c cases.Case) fyne.CanvasObject { return newAttachmentsTab(h, c).root }},
	{Label: "bundle.conflict.tab", Build: func(h Host, c cases.Case) fyne.CanvasObject { return newConflictTab(h, c).root }},
	{Label: "patterns.links.tab", Build: func(h Host, c cases.Case) fyne.CanvasObject { return newLinksPanel(h, c).root }},
}

// tourScenes are the screenshot tour's feature scenes, run after the
// editor's.
var tourScenes = []func(u *UI, code string, shot func(name string) error) error{
	tourAttachments,
	tourPatterns,
	tourLook,
	tourChat,
	tourSheet,
	tourListMatch,
	tourExchange,
	tourCasework,
}
