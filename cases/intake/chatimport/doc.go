// Package chatimport stores a chat export (package chat) in a case's
// timeline: Prepare plans the import against the case as it is (the new
// events, the messages already there, the senders and media), and Import
// adds the events and the media files, as encrypted attachments linked to
// their events with photos' location data removed, in one write
// transaction: a failed import changes nothing. The export is read where
// it lies; nothing unencrypted is written.
package chatimport
