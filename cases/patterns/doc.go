// Package patterns finds what links cases: identifiers (phones, messenger
// handles, facilities, military units, places) written differently in
// different cases, and cases that are probably about the same person.
//
//   - ExtractIdentifiers and IdentifiersInText normalise identifiers from an
//     overview or free text; MentionsOf finds where a case mentions one.
//   - Identifiers is the in-memory index of identifiers shared between
//     cases: Links of one case, Shared across all, CasesOf an identifier.
//     Put and Remove keep it current; PutAll, or Prepare and PutBatch, fill
//     it in bulk; PutAllLater fills it in the background (unlock), its
//     readers waiting for it and Ready telling when they would not. It is
//     safe for concurrent use.
//   - FindDuplicates scores pairs of overviews by name (in any script, with
//     short forms and patronymics), birth year, phones, handles and places,
//     best first, and can be cancelled.
//   - Match scores the lines of a published list (ListEntry: a name as the
//     list writes it, a birth year, a place) against the cases the same
//     way, with initials and a letter off allowed, blocked by the surname's
//     consonant frame so that a long list against a large vault takes
//     seconds; best first, cancellable, with progress.
//
// It works on cases.Overview values only, folding with package search; the
// vault keeps an Identifiers index and remembers "not the same person"
// decisions. No storage, crypto or GUI here.
package patterns
