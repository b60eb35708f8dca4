// Package pfif exports cases as PFIF 1.4 person and note records (the
// People Finder Interchange Format that Google Person Finder and other
// missing-person systems read) and imports such records as new cases.
//
// Each case becomes one <pfif:person> with its notes nested inside: one note
// per timeline event and one per known place. What PFIF has no field for
// (event types, channels, verification levels, partial and approximate
// dates, the person's phones and custody facts, the case status) travels in
// elements of Kintrace's own namespace, ExtNamespace, which other PFIF
// readers skip; Kintrace reads them back, so an export imported into another
// vault keeps the person, the timeline and its dates exactly. The field
// mapping is documented in docs/FORMAT.md ("Reports and PFIF").
//
// Reporters never leave in PFIF: person records name the exporting
// organisation as their author, and reporters' names and contacts are blanked
// in free text under the chosen redaction profile.
package pfif
