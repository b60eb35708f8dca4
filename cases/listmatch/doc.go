// Package listmatch checks a published list — prisoners of war, a
// hospital's patients, the wounded, the dead — against every case.
//
// The steps, as the GUI and the CLI take them:
//
//	lines := listmatch.ParseText(pasted)          // one person a line, any order and script
//	t, err := listmatch.ReadTable(path)           // or a CSV, XLSX or TXT file (cases/intake/sheet)
//	m := listmatch.GuessMapping(t.Header)         // its columns; the user may edit them
//	lines = t.Lines(m)
//	found, err := listmatch.Match(ctx, lines, overviews, opt) // patterns.Match: scores and reasons
//	// a person marks each pair same / not the same / unsure (Decision)
//	e := listmatch.Event(info, lines[i])          // the timeline event of a confirmed match
//	if listmatch.Has(c.Events, e) { … }           // recorded already: Key is stable
//
// A line keeps its text verbatim (Line.Text): that is what the event
// records. The package reads files where they lie and writes nothing: no
// temp files, no logs. Lines, names and decisions are case plaintext:
// show them, never log them; errors name rows by number only.
package listmatch
