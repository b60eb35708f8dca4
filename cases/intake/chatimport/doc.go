// Package chatimport stores a chat export (package chat) in a case's
// timeline: Prepare plans the import against the case as it is (the new
// events, the messages already there, the senders and media), and Import
// adds the events and the media files, as encrypted attachments linked to
// their events with photos' location data removed, in one write
// transaction: a failed import changes nothing. The export is read where
// it lies; nothing unencrypted is written.
//
// A front end (the CLI's "import chat", the GUI's wizard) calls, off the
// UI goroutine:
//
//	x, err := chat.Open(path, chat.Options{Location: zone})   // errors: chat.Err…, *chat.LineError
//	defer x.Close()
//	// show x.Messages (time, sender, handle, text, attachments, system)
//	// and x.Problems (line, kind); let the user tick messages or a range
//	req := chatimport.Request{Case: id, Me: name,
//		Selection: chat.Selection{Indexes: ticked}, Progress: report}
//	plan, err := chatimport.Prepare(ctx, v, x, req)           // preview: new events, duplicates, senders, media
//	done, err := chatimport.Import(ctx, v, x, req)            // ErrNothingToImport when all are there
package chatimport
