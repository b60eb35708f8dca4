// Package cases is Kintrace's domain: a case file of a missing person
// (Case, Person, Event, Place, Reporter, Promise), its enumerations, partial
// dates, phone and handle normalisation, the case file JSON format
// (case-format.md) with its strict decoding and validation, the overview a
// case list shows, diffs between versions, and redaction profiles.
//
// Everything here is plain data and pure functions: no storage, no crypto,
// no GUI. The packages below it build on it:
//
//   - cases/search: folding and the in-memory search index over overviews
//   - cases/patterns: identifiers shared between cases, duplicate people
//   - cases/media: content types and location stripping of photos
//   - cases/vault: the encrypted SQLite vault that stores cases
//   - cases/casegen: fictional cases for tests, benchmarks and demos
package cases
