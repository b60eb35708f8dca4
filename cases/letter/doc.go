// Package letter drafts request letters to authorities about a missing
// person: to the prison service, a military prosecutor, a military unit,
// the defence ministry, the investigative committee, an ombudsperson, the
// ICRC's tracing agency, a hospital, a court or any other body (Kind), in
// Russian, Ukrainian or English (Lang).
//
// A letter is rendered from an Input (FromCase builds one from a case,
// naming the applicant only when their consent and the redaction profile
// allow it) through a Template: Go text/template text with a small, safe
// set of functions, embedded per kind and language (Default) or written
// by the user (Parse checks it and names the line of a fault). Russian and
// Ukrainian letters name the person in the genitive case (Genitive); each
// cites the law on citizens' appeals of its jurisdiction and its term
// (Russia: Federal Law 59-FZ, 30 days; Ukraine: the Law "On Citizens'
// Appeals", one month, at most 45 days; none for the ICRC).
//
// The rendered Letter is saved as PDF (Noto Sans from package
// report/fonts), as an OpenDocument text the user can edit (written here:
// a zip of four XML files), or as plain text. It reads nothing and stores
// nothing: the vault keeps the user's templates (vault.SetTemplate).
package letter
