// Package report turns cases into documents people can hand over: a case
// file as PDF, a submission summary (PDF and plain text) laid out with the
// facts a disappearance submission asks for, the case list as CSV with chosen
// columns, and anonymised statistics as CSV.
//
// Documents are written in English, Russian or Ukrainian (Options.Lang). The
// labels are embedded here rather than taken from the GUI's translations,
// because package cases and everything under it must not import Fyne.
//
// Reporters appear in a document according to a redaction profile
// (cases.Redaction, see Redactions): all of them (cases.RedactNone), none
// (cases.RedactReporterIdentity), or only those who consented to be named
// publicly (cases.RedactPublicOnly). Names and contacts of withheld
// reporters are also blanked where they occur in the timeline's free text.
//
// The PDFs embed Noto Sans (SIL Open Font License, see fonts/OFL.txt), which
// covers Latin and Cyrillic, subset to the characters used.
package report
